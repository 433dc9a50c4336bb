import type { Context } from 'hono'
import { z } from 'zod'
import type { AppEnv } from './app-env.js'
import { HttpError } from './http-errors.js'

/**
 * The submitted form validated by `schema`; a bad value is a 400 naming the field,
 * never a 500. Only string fields are read (files are ignored).
 */
export async function readForm<T extends z.ZodType>(c: Context<AppEnv>, schema: T): Promise<z.infer<T>> {
  const body = await c.req.parseBody()
  const fields: Record<string, string> = {}
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string') fields[key] = value
  const parsed = schema.safeParse(fields)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const field = issue.path.join('.') || 'form'
    throw new HttpError(400, `${field}: ${issue.message}`)
  }
  return parsed.data
}

/** A local path to go back to after signing in; anything else becomes the dashboard. */
export function safeNextPath(next: string | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/dashboard'
  return next
}
