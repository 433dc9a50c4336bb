import type { Context } from 'hono'
import { html } from 'hono/html'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AppEnv } from './app-env.js'

/** A full HTML document for `page` (a <Layout> element). */
export function renderPage(c: Context<AppEnv>, page: unknown, status: ContentfulStatusCode = 200) {
  return c.html(html`<!DOCTYPE html>${page}`, status)
}
