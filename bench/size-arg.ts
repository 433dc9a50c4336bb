/** Bytes from "1G", "200M", "512K" or a plain number; binary units (1G = 1 GiB). */
export function parseSize(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)i?B?\s*$/i.exec(text)
  if (!m) throw new Error(`"${text}" is not a size such as 1G, 200M or 512K`)
  const power = ['', 'K', 'M', 'G', 'T'].indexOf((m[2] ?? '').toUpperCase())
  const bytes = Math.round(Number(m[1]) * 1024 ** power)
  if (bytes <= 0) throw new Error(`size must be positive: ${text}`)
  return bytes
}

export function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}
