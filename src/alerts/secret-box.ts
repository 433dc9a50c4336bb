import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

/** A stored channel secret that cannot be read back: the key changed, or the value was altered. */
export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SecretBoxError'
  }
}

export type SecretBox = {
  /** Encrypts string settings (passwords, tokens) for the database; every call gives a new value. */
  seal(value: Record<string, string>): string
  /** Decrypts what seal() produced with the same SECRET_KEY; throws SecretBoxError otherwise. */
  open(sealed: string): Record<string, string>
}

const VERSION = 'v1'
// The purpose is part of the derivation so this key never equals one derived for anything else.
const INFO = 'replexon alert channel secrets v1'
const SALT = 'replexon'
const CANNOT_DECRYPT =
  'cannot decrypt the stored channel secret: SECRET_KEY changed? Re-enter the password on the settings page'

/** AES-256-GCM under a key derived from SECRET_KEY with HKDF-SHA256; output `v1.<iv>.<tag>.<ciphertext>` (base64url). */
export function createSecretBox(secretKey: string): SecretBox {
  if (secretKey.length === 0) throw new Error('createSecretBox: SECRET_KEY is empty')
  const key = Buffer.from(hkdfSync('sha256', secretKey, SALT, INFO, 32))

  return {
    seal(value) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()])
      const tag = cipher.getAuthTag()
      return [VERSION, iv, tag, ciphertext].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.')
    },

    open(sealed) {
      const parts = sealed.split('.')
      if (parts.length !== 4 || parts[0] !== VERSION) {
        throw new SecretBoxError('the stored channel secret is not in a known format: re-enter the password on the settings page')
      }
      const [iv, tag, ciphertext] = parts.slice(1).map((p) => Buffer.from(p, 'base64url')) as [Buffer, Buffer, Buffer]
      let plaintext: string
      try {
        if (iv.length !== 12 || tag.length !== 16) throw new Error('bad lengths')
        const decipher = createDecipheriv('aes-256-gcm', key, iv)
        decipher.setAuthTag(tag)
        plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8')
      } catch {
        throw new SecretBoxError(CANNOT_DECRYPT)
      }
      return parseStrings(plaintext)
    },
  }
}

function parseStrings(json: string): Record<string, string> {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    throw new SecretBoxError(CANNOT_DECRYPT)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SecretBoxError(CANNOT_DECRYPT)
  const entries = Object.entries(value)
  if (!entries.every(([, v]) => typeof v === 'string')) throw new SecretBoxError(CANNOT_DECRYPT)
  return Object.fromEntries(entries) as Record<string, string>
}
