import { hash, verify, type Algorithm } from '@node-rs/argon2'

/** OWASP's Argon2id parameters: 19 MiB, two passes, one lane. */
export const PASSWORD_HASH_OPTIONS = {
  // Algorithm is an ambient const enum, which isolatedModules cannot read; 2 is Argon2id.
  algorithm: 2 as Algorithm,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const

export const PASSWORD_MIN_LENGTH = 8
export const PASSWORD_MAX_LENGTH = 1024

/**
 * A hash of a random password nobody knows, made with PASSWORD_HASH_OPTIONS, so that
 * a login for an unknown user costs the same as one for a known user.
 */
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$AzFmFd2DU9JB7rj14Ty2qA$K9PqLpsMoZwrALy6NdLmfrl2743gLb+pgOBP/XIPlww'

// The same characters typed on different systems can arrive composed or decomposed.
const normalize = (plain: string) => plain.normalize('NFC')

/** Length in code points, so an emoji counts as one character as the user sees it. */
export function passwordLength(plain: string): number {
  return [...plain].length
}

/** Why `plain` cannot be a new password, or null when it can. Never truncates. */
export function validateNewPassword(plain: string): string | null {
  const length = passwordLength(plain)
  if (length < PASSWORD_MIN_LENGTH) return `Password must be at least ${PASSWORD_MIN_LENGTH} characters long.`
  if (length > PASSWORD_MAX_LENGTH) return `Password must be at most ${PASSWORD_MAX_LENGTH} characters long.`
  return null
}

/** The Argon2id PHC string of `plain`; hashed on the native thread pool, off the event loop. */
export function hashPassword(plain: string): Promise<string> {
  return hash(normalize(plain), PASSWORD_HASH_OPTIONS)
}

/** True when `plain` matches the PHC string; false for a wrong password or an unreadable hash. */
export async function verifyPassword(passwordHash: string, plain: string): Promise<boolean> {
  try {
    return await verify(passwordHash, normalize(plain))
  } catch {
    return false
  }
}

/** Does the work of one verification and always answers false (for unknown users). */
export async function verifyAgainstDummy(plain: string): Promise<false> {
  await verifyPassword(DUMMY_HASH, plain)
  return false
}
