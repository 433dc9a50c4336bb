import type { Selectable } from 'kysely'
import type { AlertEvent, AlertFacts } from '../../alerts/types.js'
import type { AlertsTable } from '../schema.js'

/** An alert as written to the outbox: the decision under its natural key. */
export type StoredAlert = {
  id: number
  key: string
  event: AlertEvent
  runId: number | null
  occurredAt: number
  createdAt: number
  facts: AlertFacts
}

export function toStoredAlert(row: Selectable<AlertsTable>): StoredAlert {
  return {
    id: row.id,
    key: row.alert_key,
    event: row.event,
    runId: row.run_id,
    occurredAt: row.occurred_at,
    createdAt: row.created_at,
    facts: parseFacts(row.facts),
  }
}

// The outbox writes this JSON itself; a hand-edited row renders with no facts rather than breaking the page.
function parseFacts(json: string): AlertFacts {
  try {
    const value: unknown = JSON.parse(json)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as AlertFacts) : {}
  } catch {
    return {}
  }
}
