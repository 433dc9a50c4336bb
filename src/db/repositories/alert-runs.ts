import type { AlertRun } from '../../alerts/types.js'
import type { Db } from '../connection.js'

/** The runs the alert rules look at: every run dated on or after `sinceDate` (YYYY-MM-DD), and any still running. */
export function createAlertRunsRepository(db: Db) {
  return {
    async since(sinceDate: string): Promise<AlertRun[]> {
      const rows = await db
        .selectFrom('backup_runs')
        .select([
          'id',
          'kind',
          'status',
          'date',
          'started_at',
          'finished_at',
          'duration_seconds',
          'exit_code',
          'sent_bytes',
          'total_size_bytes',
          'files_transferred',
          'error',
          'triggered_by',
        ])
        .where((eb) => eb.or([eb('date', '>=', sinceDate), eb('status', '=', 'running')]))
        .orderBy('date')
        .orderBy('id')
        .execute()
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        status: r.status,
        date: r.date,
        startedAt: r.started_at,
        finishedAt: r.finished_at,
        durationSeconds: r.duration_seconds,
        exitCode: r.exit_code,
        sentBytes: r.sent_bytes,
        totalSizeBytes: r.total_size_bytes,
        filesTransferred: r.files_transferred,
        error: r.error,
        triggeredBy: r.triggered_by,
      }))
    },
  }
}
