/** Socket and TLS error codes in words, shared by the SMTP and HTTP channels so both say the same thing. */

const CONNECT_REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed (DNS)',
  EAI_NONAME: 'host name not found',
  ETIMEDOUT: 'timed out',
  UND_ERR_CONNECT_TIMEOUT: 'timed out',
  ECONNRESET: 'connection reset by the server',
  UND_ERR_SOCKET: 'connection closed by the server',
  EPIPE: 'connection closed by the server',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EADDRNOTAVAIL: 'address not available',
}

const CERTIFICATE_REASONS: Readonly<Record<string, string>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'it is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'it is signed by a self-signed authority',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'it is not signed by a trusted authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'it is not signed by a trusted authority',
  UNABLE_TO_GET_ISSUER_CERT: 'it is not signed by a trusted authority',
  CERT_HAS_EXPIRED: 'it has expired',
  CERT_NOT_YET_VALID: 'it is not valid yet',
  ERR_TLS_CERT_ALTNAME_INVALID: 'it is for another host name',
}

/** The error codes on `error` and its causes, most specific first (fetch and nodemailer wrap the socket's error). */
export function errorCodes(error: unknown): string[] {
  const codes: string[] = []
  let current: unknown = error
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const { code, originalCode } = current as { code?: unknown; originalCode?: unknown }
    if (typeof code === 'string') codes.unshift(code)
    if (typeof originalCode === 'string') codes.unshift(originalCode)
    current = (current as { cause?: unknown }).cause
  }
  return codes
}

/** "connection refused" for ECONNREFUSED and the like, undefined for codes that are not about connecting. */
export function connectReason(codes: readonly string[]): string | undefined {
  for (const code of codes) if (CONNECT_REASONS[code]) return CONNECT_REASONS[code]
  return undefined
}

/** Why the server's certificate was refused, or undefined when the error is not about the certificate. */
export function certificateReason(codes: readonly string[]): string | undefined {
  for (const code of codes) if (CERTIFICATE_REASONS[code]) return CERTIFICATE_REASONS[code]
  return undefined
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** "10 s" or "1.5 s": timeouts as a person reads them. */
export function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`
}
