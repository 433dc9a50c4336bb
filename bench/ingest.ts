// Usage: node --import tsx bench/ingest.ts [size, default 1G]
// Times the old grep pipeline against RePlexOn's full scan of the same generated log
// (bench/out/, reused when present), then an incremental scan after one more night.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { lastRunDate } from '../src/demo/run-plan.js'
import { metaPath, nextNightText, writeBigLog, type BigLogMeta } from './big-log.js'
import { runGrepBaseline } from './grep-baseline.js'
import { runImportChild } from './import-runner.js'
import { runScanChild } from './scan-runner.js'
import { formatMiB, parseSize } from './size-arg.js'
import { presetStyle } from './style-presets.js'

const OUT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out')
const ROUNDS = 3

async function ensureLog(sizeText: string): Promise<{ file: string; meta: BigLogMeta }> {
  const targetBytes = parseSize(sizeText)
  const file = path.join(OUT_DIR, `plex-backup-${sizeText.toUpperCase()}.log`)
  if (fs.existsSync(file) && fs.existsSync(metaPath(file))) {
    const meta = JSON.parse(fs.readFileSync(metaPath(file), 'utf8')) as BigLogMeta
    // A size that differs from the record means an incremental round was cut short.
    if (fs.statSync(file).size === meta.bytes) return { file, meta }
  }
  fs.mkdirSync(OUT_DIR, { recursive: true })
  const style = presetStyle('en_US')
  process.stdout.write(`generating ${file} (${sizeText}) ...\n`)
  const meta = await writeBigLog({
    targetBytes,
    logPath: file,
    trackingPath: file.replace(/\.log$/, '-tracking.log'),
    style,
    seed: 2026,
    lastDate: lastRunDate(new Date(), style.timeZone),
  })
  return { file, meta }
}

const mbps = (bytes: number, ms: number): string => `${(bytes / 1e6 / (ms / 1000)).toFixed(0)} MB/s`

async function main(): Promise<void> {
  const sizeText = process.argv[2] ?? '1G'
  const { file, meta } = await ensureLog(sizeText)
  const bytes = fs.statSync(file).size
  const timeZone = meta.style.timeZone
  process.stdout.write(`log: ${file}, ${formatMiB(bytes)}, ${meta.runs} nights, ${timeZone}\n`)
  process.stdout.write(`machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? '?'}, node ${process.version}\n`)

  await runGrepBaseline(file) // warm the page cache so both sides read from memory
  const greps: number[] = []
  let grepLines = 0
  for (let i = 0; i < ROUNDS; i++) {
    const r = await runGrepBaseline(file)
    greps.push(r.ms)
    grepLines = r.lines
    process.stdout.write(`  grep      #${i + 1}: ${(r.ms / 1000).toFixed(2)} s (${r.lines} lines kept)\n`)
  }

  const scans = []
  for (let i = 0; i < ROUNDS; i++) {
    const r = await runScanChild({ file, timeZone })
    scans.push(r)
    process.stdout.write(
      `  replexon  #${i + 1}: ${(r.ms / 1000).toFixed(2)} s scan (${(r.wallMs / 1000).toFixed(2)} s with process start), ` +
        `${r.runs} runs, ${r.skippedCount} skipped, peak RSS ${(r.maxRssKiB / 1024).toFixed(0)} MiB\n`,
    )
  }

  // The full import (the import-logs path: scan, tracking reconcile, SQLite writes), each
  // round into a fresh database; the last database then takes the incremental round.
  const trackingPath = file.replace(/\.log$/, '-tracking.log')
  const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'replexon-bench-'))
  const imports = []
  let dbPath = ''
  for (let i = 0; i < ROUNDS; i++) {
    dbPath = path.join(dbDir, `round-${i}.db`)
    const r = await runImportChild({ logPath: file, trackingPath, dbPath, timeZone })
    imports.push(r)
    process.stdout.write(
      `  import    #${i + 1}: ${(r.ms / 1000).toFixed(2)} s import (${(r.wallMs / 1000).toFixed(2)} s with process start), ` +
        `${r.runsInserted} runs stored, peak RSS ${(r.maxRssKiB / 1024).toFixed(0)} MiB\n`,
    )
  }

  const appended = nextNightText(meta)
  const first = scans[0]
  if (!first) throw new Error('no scan result')
  fs.appendFileSync(file, appended)
  let incremental
  let incrementalImport
  try {
    incremental = await runScanChild({ file, timeZone, fromOffset: first.resumeOffset })
    incrementalImport = await runImportChild({ logPath: file, trackingPath, dbPath, timeZone })
  } finally {
    fs.truncateSync(file, bytes) // keep the cached log as generated, for the next benchmark run
    fs.rmSync(dbDir, { recursive: true, force: true })
  }
  const grown = bytes + Buffer.byteLength(appended)
  const importBest = Math.min(...imports.map((r) => r.ms))
  const importPeak = Math.max(...imports.map((r) => r.maxRssKiB), incrementalImport.maxRssKiB) / 1024
  const importShare = (incrementalImport.bytesScanned / grown) * 100

  const grepBest = Math.min(...greps)
  const scanBest = Math.min(...scans.map((s) => s.ms))
  const peakRss = Math.max(...scans.map((s) => s.maxRssKiB), incremental.maxRssKiB) / 1024
  const share = (incremental.bytesScanned / grown) * 100
  const verdict = (ok: boolean): string => (ok ? 'ok' : 'MISSED')
  process.stdout.write(
    [
      '',
      `grep pipeline (best of ${ROUNDS}):     ${(grepBest / 1000).toFixed(2)} s  ${mbps(bytes, grepBest)}  (${grepLines} lines, no parsing)`,
      `RePlexOn scanLog (best of ${ROUNDS}):  ${(scanBest / 1000).toFixed(2)} s  ${mbps(bytes, scanBest)}  (${first.runs} runs parsed)`,
      `ratio grep/replexon:            ${(grepBest / scanBest).toFixed(2)}x  (target >= 2x: ${verdict(grepBest / scanBest >= 2)})`,
      `full import (best of ${ROUNDS}):       ${(importBest / 1000).toFixed(2)} s  ${mbps(bytes, importBest)}  (${imports[0]!.runsInserted} runs stored in SQLite)`,
      `ratio grep/import:              ${(grepBest / importBest).toFixed(2)}x  (target >= 2x: ${verdict(grepBest / importBest >= 2)})`,
      `peak RSS (import):              ${importPeak.toFixed(0)} MiB  (target < 150 MiB: ${verdict(importPeak < 150)})`,
      `incremental import after 1 night: bytesScanned ${incrementalImport.bytesScanned} = ${importShare.toFixed(3)} % of the log, ` +
        `${incrementalImport.runsInserted} inserted, ${incrementalImport.runsUpdated} updated  (target < 1 %: ${verdict(importShare < 1)})`,
      `peak RSS (replexon):            ${peakRss.toFixed(0)} MiB  (target < 150 MiB: ${verdict(peakRss < 150)})`,
      `incremental scan after 1 night: ${incremental.bytesScanned} of ${grown} bytes = ${share.toFixed(3)} %  ` +
        `in ${incremental.ms.toFixed(0)} ms, ${incremental.runs} run(s)  (target < 1 %: ${verdict(share < 1)})`,
      `  (the appended night itself is ${Buffer.byteLength(appended)} bytes; the scan resumed at ${first.resumeOffset} of ${bytes})`,
      '',
    ].join('\n'),
  )
  fs.writeFileSync(
    path.join(OUT_DIR, `ingest-result-${sizeText.toUpperCase()}.json`),
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cores: os.cpus().length, bytes, runs: meta.runs, greps, scans, imports, incremental, incrementalImport, grepLines }, null, 2)}\n`,
  )
}

main().catch((err: unknown) => {
  process.stderr.write(`ingest bench: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exitCode = 1
})
