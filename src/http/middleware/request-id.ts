import { randomUUID } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import type { Logger } from 'pino'
import type { HttpEnv } from '../http-deps.ts'

/** Gives each request an id (returned as `x-request-id`) and logs one line when it ends. */
export const requestLog =
  (logger: Logger): MiddlewareHandler<HttpEnv> =>
  async (c, next) => {
    const requestId = randomUUID()
    c.set('requestId', requestId)
    c.header('x-request-id', requestId)
    const started = performance.now()
    c.set('arrivedAt', started)
    await next()
    // never the query string (it may hold filters, never credentials) or any header
    logger.info(
      { requestId, method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started), actor: c.get('identity')?.name },
      'request',
    )
  }
