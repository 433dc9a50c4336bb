import fs from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'

/**
 * Yields what is appended to `file` from byte `from` on, as it comes, until `until`
 * settles; then yields what is left and stops. The file is opened once, so a rotation
 * mid-run keeps following the file the script writes to.
 */
export async function* logChunks(file: string, from: number, until: Promise<unknown>, pollMs = 200): AsyncGenerator<Buffer, number> {
  let done = false
  until.then(
    () => (done = true),
    () => (done = true),
  )
  const fd = await fs.promises.open(file, 'r')
  const buffer = Buffer.alloc(64 * 1024)
  let position = from
  try {
    for (;;) {
      const finished = done // read once more after the end, so nothing written last is lost
      for (;;) {
        const { bytesRead } = await fd.read(buffer, 0, buffer.length, position)
        if (bytesRead === 0) break
        position += bytesRead
        yield Buffer.from(buffer.subarray(0, bytesRead))
      }
      if (finished) return position
      await Promise.race([sleep(pollMs), until.catch(() => undefined)])
    }
  } finally {
    await fd.close()
  }
}

/** Writes the chunks of logChunks as they come; returns the offset it stopped at. */
export async function followLog(
  file: string,
  from: number,
  until: Promise<unknown>,
  write: (chunk: Buffer) => void,
  pollMs = 200,
): Promise<number> {
  const chunks = logChunks(file, from, until, pollMs)
  for (;;) {
    const next = await chunks.next()
    if (next.done) return next.value
    write(next.value)
  }
}
