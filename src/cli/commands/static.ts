import type { Command } from 'commander'
import { importLogs } from '../../ingest/import-logs.js'
import { runHealthChecks, type HealthCheck } from '../../runner/health-checks.js'
import { cliConfig, withDatabase } from '../context.js'
import { addTopLevelFlag } from './top-level-flag.js'

/** One line per check, "OK   name: detail" or "FAIL name: detail", and a closing count. */
export function formatHealthChecks(checks: readonly HealthCheck[]): string {
  const failed = checks.filter((c) => !c.ok).length
  const lines = checks.map((c) => `${c.ok ? 'OK  ' : 'FAIL'} ${c.name}: ${c.detail}`)
  lines.push(failed === 0 ? `All ${checks.length} checks passed.` : `${failed} of ${checks.length} checks failed.`)
  return lines.join('\n') + '\n'
}

export function registerStatic(program: Command): void {
  addTopLevelFlag(program, '--static', 'health check (logs, script, crontab, last success, database, disk); exit code 1 when anything fails', async () => {
    const config = cliConfig()
    const checks = await withDatabase(config, async (handle) => {
      const importCheck: HealthCheck[] = []
      try {
        await importLogs({ handle, config, onWarning: (message) => importCheck.push({ name: 'import', ok: false, detail: message }) })
      } catch (err) {
        importCheck.push({ name: 'import', ok: false, detail: err instanceof Error ? err.message : String(err) })
      }
      return [...(await runHealthChecks({ config, handle })), ...importCheck]
    })
    process.stdout.write(formatHealthChecks(checks))
    process.exitCode = checks.every((c) => c.ok) ? 0 : 1
  })
}
