import crypto from 'node:crypto'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Lower-cased scheme://host[:port], or undefined when `value` is not an http(s) origin. */
function normalizeOrigin(value: string): string | undefined {
  try {
    const url = new URL(value)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
    return url.origin
  } catch {
    return undefined
  }
}

/**
 * Why a state-changing request looks forged, or null when it may proceed. Safe methods
 * always pass. Others fail when the browser says `Sec-Fetch-Site: cross-site`, or when an
 * `Origin` header is present and is none of `allowedOrigins` (the app's own origin, plus
 * PUBLIC_ORIGIN behind a reverse proxy). A missing Origin passes: the token check still applies.
 */
export function isCrossSiteRequest(request: {
  method: string
  origin?: string | null
  secFetchSite?: string | null
  allowedOrigins: readonly string[]
}): string | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null
  if (request.secFetchSite?.trim().toLowerCase() === 'cross-site') return 'cross-site request (Sec-Fetch-Site)'
  const origin = request.origin?.trim()
  if (origin === undefined || origin === '') return null
  const normalized = normalizeOrigin(origin)
  const allowed = request.allowedOrigins.map(normalizeOrigin)
  if (normalized === undefined || !allowed.includes(normalized)) return `origin ${JSON.stringify(origin)} is not allowed`
  return null
}

/** Compares a submitted CSRF token with the session's in constant time; any length is safe. */
export function csrfTokenMatches(expected: string, provided: string | undefined | null): boolean {
  if (typeof provided !== 'string' || provided === '' || expected === '') return false
  // Hashing first gives equal-length buffers, so timingSafeEqual never throws or leaks the length.
  const a = crypto.createHash('sha256').update(expected).digest()
  const b = crypto.createHash('sha256').update(provided).digest()
  return crypto.timingSafeEqual(a, b)
}
