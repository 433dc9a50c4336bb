import fs from 'node:fs'
import { createGunzip } from 'node:zlib'

/** How many leading (uncompressed) bytes identify a log file's content. */
export const HEAD_BYTES = 4096

/** What the importer knows about one log file before reading it. */
export type LogFileState = {
  path: string
  device: number
  inode: number
  mtimeMs: number
  compressed: boolean
  /**
   * Uncompressed size: the file size, or for .gz the size recorded in the gzip trailer
   * (modulo 2^32, as gzip stores it), which is enough to notice a changed file.
   */
  size: number
  /** The first HEAD_BYTES uncompressed bytes (fewer when the file is shorter). */
  head: Buffer
}

export function isCompressed(file: string): boolean {
  return file.endsWith('.gz')
}

/** Stats and reads the head of a log file; null when it does not exist (any more). */
export async function readLogFileState(file: string): Promise<LogFileState | null> {
  let stat: fs.Stats
  try {
    stat = fs.statSync(file)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw err
  }
  const compressed = isCompressed(file)
  const head = compressed ? await readGzipHead(file, HEAD_BYTES) : readPlainHead(file, HEAD_BYTES)
  return {
    path: file,
    device: stat.dev,
    inode: stat.ino,
    mtimeMs: Math.trunc(stat.mtimeMs),
    compressed,
    size: compressed ? gzipTrailerSize(file, stat.size) : stat.size,
    head,
  }
}

function readPlainHead(file: string, length: number): Buffer {
  const fd = fs.openSync(file, 'r')
  try {
    const buffer = Buffer.alloc(length)
    const read = fs.readSync(fd, buffer, 0, length, 0)
    return buffer.subarray(0, read)
  } finally {
    fs.closeSync(fd)
  }
}

/** Decompresses only as much as needed for the first `length` bytes. */
function readGzipHead(file: string, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let total = 0
    const input = fs.createReadStream(file)
    const gunzip = createGunzip()
    const finish = () => {
      input.destroy()
      gunzip.destroy()
      resolve(Buffer.concat(chunks).subarray(0, length))
    }
    gunzip.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      total += chunk.length
      if (total >= length) finish()
    })
    gunzip.on('end', finish)
    gunzip.on('error', (err) => {
      input.destroy()
      // A .gz still being written by logrotate ends early; what we have is the head so far.
      if (total > 0 && (err as NodeJS.ErrnoException).code === 'Z_BUF_ERROR') finish()
      else reject(new Error(`${file}: not a readable gzip file (${err.message})`))
    })
    input.on('error', reject)
    input.pipe(gunzip)
  })
}

function gzipTrailerSize(file: string, fileSize: number): number {
  if (fileSize < 18) return 0
  const fd = fs.openSync(file, 'r')
  try {
    const trailer = Buffer.alloc(4)
    fs.readSync(fd, trailer, 0, 4, fileSize - 4)
    return trailer.readUInt32LE(0)
  } finally {
    fs.closeSync(fd)
  }
}
