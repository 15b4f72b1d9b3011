import type { Hono } from 'hono'
import type { HttpDeps, HttpEnv } from '../http-deps.ts'
import { errorBody } from '../error-handler.ts'

/** Liveness, readiness and metrics: the only endpoints that need no credentials. They reveal nothing else. */
export const registerOps = (app: Hono<HttpEnv>, deps: HttpDeps): void => {
  app.get('/healthz', (c) => c.json({ status: 'ok', version: deps.version }))
  app.get('/readyz', (c) =>
    deps.isReady() ? c.json({ ready: true }) : c.json(errorBody('UNAVAILABLE', 'not ready: migrations or the engine have not finished starting'), 503),
  )
  app.get('/metrics', async (c) => c.body(await deps.metrics.registry.metrics(), 200, { 'content-type': deps.metrics.registry.contentType }))
}
