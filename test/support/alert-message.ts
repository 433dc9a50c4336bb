import type { AlertMessage } from '../../src/alerts/types.js'

/** A failed-backup alert as the renderer would make it; tests override what they look at. */
export function alertMessage(overrides: Partial<AlertMessage> = {}): AlertMessage {
  return {
    event: 'failed',
    severity: 'problem',
    title: 'Plex backup failed on 2024-05-03',
    text: 'The backup of 2024-05-03 failed with rsync exit code 23.\n\nExit code: 23\nSent: 1.2 GB',
    html: '<p>The backup of 2024-05-03 failed with rsync exit code 23.</p><dl><dt>Exit code</dt><dd>23</dd><dt>Sent</dt><dd>1.2 GB</dd></dl>',
    url: 'http://replexon.example/runs/42',
    facts: [
      { label: 'Exit code', value: '23' },
      { label: 'Sent', value: '1.2 GB' },
    ],
    occurredAt: Date.UTC(2024, 4, 3, 2, 30),
    ...overrides,
  }
}
