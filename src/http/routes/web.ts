import { readFile } from 'node:fs/promises'
import { extname, join, normalize, resolve, sep } from 'node:path'
import type { Hono } from 'hono'
import type { HttpEnv } from '../http-deps.ts'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
}

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
}

const safeDecode = (path: string): string => {
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}

/**
 * Serves the built dashboard: files under `webRoot` as they are, anything else (a client-side route)
 * as index.html. Paths are normalised and must stay inside `webRoot`.
 */
export const registerWeb = (app: Hono<HttpEnv>, webRootPath: string | null): void => {
  // without a trailing separator, so the containment check below holds for `…/dist/` too
  const webRoot = webRootPath === null ? null : resolve(webRootPath)
  app.get('*', async (c) => {
    if (webRoot === null) return c.text('the dashboard is not built: run `npm run build`', 404)
    const relative = normalize(safeDecode(c.req.path)).replace(/^([/\\])+/, '')
    const path = join(webRoot, relative)
    const inside = path.startsWith(webRoot + sep) || path === webRoot
    const file = inside && extname(path) ? await readFile(path).catch(() => null) : null
    if (file) return c.body(file, 200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'public, max-age=3600', ...SECURITY_HEADERS })
    const index = await readFile(join(webRoot, 'index.html')).catch(() => null)
    if (!index) return c.text('the dashboard is not built: run `npm run build`', 404)
    return c.body(index, 200, { 'content-type': TYPES['.html'] ?? 'text/html', 'cache-control': 'no-cache', ...SECURITY_HEADERS })
  })
}
