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

/** A submitted form read as is: single values and repeated ones (checkbox lists). Files are ignored. */
export type RawForm = { value(name: string): string; values(name: string): string[]; fields(): Record<string, string> }

export async function readRawForm(c: Context<AppEnv>): Promise<RawForm> {
  const body = await c.req.parseBody({ all: true })
  const list = (name: string): string[] => {
    const v = body[name]
    return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string')
  }
  return {
    value: (name) => list(name)[0] ?? '',
    values: list,
    fields: () => Object.fromEntries(Object.keys(body).map((k) => [k, list(k)[0] ?? ''])),
  }
}
