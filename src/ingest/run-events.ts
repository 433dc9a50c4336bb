import type { ImportSummary } from './import-logs.js'

export type RunEvents = {
  /**
   * Calls `listener` after each import that stored something, and `onClose` when the
   * server shuts down (so long-lived streams end); returns the unsubscribe.
   */
  subscribe(listener: (summary: ImportSummary) => void, onClose?: () => void): () => void
  emit(summary: ImportSummary): void
  /** Tells every subscriber the server is going away. */
  close(): void
}

/** A tiny in-process fan-out from the follower to open pages (server-sent events). */
export function createRunEvents(): RunEvents {
  const subscribers = new Map<(summary: ImportSummary) => void, (() => void) | undefined>()
  return {
    subscribe(listener, onClose) {
      subscribers.set(listener, onClose)
      return () => subscribers.delete(listener)
    },
    emit(summary) {
      for (const listener of subscribers.keys()) {
        try {
          listener(summary)
        } catch {
          // One broken page must not stop the others from hearing about the run.
        }
      }
    },
    close() {
      for (const onClose of subscribers.values()) onClose?.()
      subscribers.clear()
    },
  }
}
