import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Hono } from 'hono'
import { NODE_MODULES_DIR, PUBLIC_DIR } from '../paths.js'

type Asset = { body: Buffer; type: string; etag: string }

/**
 * Everything the browser loads, from this app's public/ folder and from npm packages:
 * no CDN, no bundler. Only the files listed here are served, so no path from a URL
 * ever reaches the file system.
 */
const FILES: Record<string, string> = {
  '/static/app.css': path.join(PUBLIC_DIR, 'app.css'),
  '/static/app.js': path.join(PUBLIC_DIR, 'app.js'),
  '/static/theme.js': path.join(PUBLIC_DIR, 'theme.js'),
  '/static/charts.js': path.join(PUBLIC_DIR, 'charts.js'),
  '/static/favicon.svg': path.join(PUBLIC_DIR, 'favicon.svg'),
  '/vendor/pico.min.css': path.join(NODE_MODULES_DIR, '@picocss/pico/css/pico.min.css'),
  '/vendor/htmx.min.js': path.join(NODE_MODULES_DIR, 'htmx.org/dist/htmx.min.js'),
  '/vendor/chart.umd.min.js': path.join(NODE_MODULES_DIR, 'chart.js/dist/chart.umd.min.js'),
  '/vendor/chartjs-adapter-date-fns.bundle.min.js': path.join(
    NODE_MODULES_DIR,
    'chartjs-adapter-date-fns/dist/chartjs-adapter-date-fns.bundle.min.js',
  ),
  '/vendor/chartjs-chart-matrix.min.js': path.join(NODE_MODULES_DIR, 'chartjs-chart-matrix/dist/chartjs-chart-matrix.min.js'),
}

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
}

function load(file: string): Asset {
  const body = fs.readFileSync(file)
  return {
    body,
    type: TYPES[path.extname(file)] ?? 'application/octet-stream',
    etag: `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
  }
}

/** Serves the listed files, loaded lazily once, with ETags for cheap revalidation. */
export function mountStaticAssets(app: Hono<any>): void {
  const cache = new Map<string, Asset>()
  for (const [urlPath, file] of Object.entries(FILES)) {
    app.get(urlPath, (c) => {
      let asset = cache.get(urlPath)
      if (!asset) {
        asset = load(file)
        cache.set(urlPath, asset)
      }
      const headers = {
        'Content-Type': asset.type,
        ETag: asset.etag,
        'Cache-Control': 'public, max-age=3600, must-revalidate',
      }
      if (c.req.header('If-None-Match') === asset.etag) return c.body(null, 304, headers)
      return c.body(new Uint8Array(asset.body), 200, headers)
    })
  }
}
