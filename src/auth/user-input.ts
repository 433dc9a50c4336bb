import type { Role } from '../db/schema.js'

export const USERNAME_MAX_LENGTH = 64
export const EMAIL_MAX_LENGTH = 254

// ASCII only: SQLite's NOCASE folds ASCII letters, so wider alphabets would not compare case-insensitively.
const USERNAME_PATTERN = /^[A-Za-z0-9._@-]+$/

/** Why `username` cannot name a new user, or null when it can. */
export function validateUsername(username: string): string | null {
  if (username.length === 0) return 'Username must not be empty.'
  if (username.length > USERNAME_MAX_LENGTH) return `Username must be at most ${USERNAME_MAX_LENGTH} characters long.`
  if (!USERNAME_PATTERN.test(username)) return 'Username may only contain letters, digits and . _ - @'
  return null
}

/** Why `email` is not usable as a contact address, or null when it is. */
export function validateEmail(email: string): string | null {
  if (email.length > EMAIL_MAX_LENGTH) return `Email must be at most ${EMAIL_MAX_LENGTH} characters long.`
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) return `"${email}" is not an email address.`
  return null
}

export function isRole(value: string): value is Role {
  return value === 'admin' || value === 'viewer'
}
