import fs from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'

/**
 * Writes what is appended to `file` from byte `from` on, as it comes, until `until`
 * settles; then writes what is left and returns the offset it stopped at. The file is
 * opened once, so a rotation mid-run keeps following the file the script writes to.
 */
export async function followLog(
  file: string,
  from: number,
  until: Promise<unknown>,
  write: (chunk: Buffer) => void,
  pollMs = 200,
): Promise<number> {
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
        write(Buffer.from(buffer.subarray(0, bytesRead)))
      }
      if (finished) return position
      await Promise.race([sleep(pollMs), until.catch(() => undefined)])
    }
  } finally {
    await fd.close()
  }
}
