import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context, MiddlewareHandler } from 'hono'
import { WakaError } from '../core/errors.ts'
import { createErrorHandler, errorBody } from './error-handler.ts'
import type { HttpDeps, HttpEnv } from './http-deps.ts'
import { authenticate } from './middleware/authenticate.ts'
import { limitBody, limitJsonDepth, MAX_JSON_BYTES } from './middleware/body-guard.ts'
import { requestLog } from './middleware/request-id.ts'
import { createReadCache } from './read-cache.ts'
import { registerArtifactDownloads } from './routes/artifact-downloads.ts'
import { registerAuditRoutes } from './routes/audit.ts'
import { registerNotificationRoutes } from './routes/notifications.ts'
import { registerControlRoutes } from './routes/controls.ts'
import { registerDeploymentRoutes } from './routes/deployments.ts'
import { registerDoraRoutes } from './routes/dora.ts'
import { registerEventRoutes } from './routes/events.ts'
import { registerExecutionRoutes } from './routes/execution.ts'
import { registerOps } from './routes/ops.ts'
import { registerPreviewRoutes } from './routes/previews.ts'
import { registerReleaseRoutes } from './routes/releases.ts'
import { registerSessionRoutes, registerSignIn } from './routes/sessions.ts'
import { registerStatusRoutes } from './routes/status.ts'
import { registerTargetRoutes } from './routes/targets.ts'
import { registerTokenRoutes } from './routes/tokens.ts'
import { registerWeb } from './routes/web.ts'

export const OPENAPI_PATH = '/api/v1/openapi.json'
/** How long a cached read may serve what depends on the clock alone (a freeze expiring), absent any write. */
const READ_MAX_AGE_MS = 1_000

type OpenApiConfig = Parameters<OpenAPIHono['getOpenAPI31Document']>[0]

/** The document's head; the paths and schemas come from the routes. */
export const openApiConfig = (version: string): OpenApiConfig =>
  ({
    openapi: '3.1.0',
    info: { title: 'Waka API', version, description: 'Releases by digest, approval gates, promotion of the same bytes, rollback.' },
    components: {},
  }) as OpenApiConfig

const unless =
  (skip: (c: Context<HttpEnv>) => boolean, middleware: MiddlewareHandler<HttpEnv>): MiddlewareHandler<HttpEnv> =>
  (c, next) =>
    skip(c) ? next() : middleware(c, next)
const PUBLIC_API = new Set([`GET ${OPENAPI_PATH}`, 'POST /api/v1/sessions'])
const isBlobUpload = (method: string, path: string) => method === 'PUT' && path.startsWith('/api/v1/artifacts/blobs/')

/**
 * The HTTP API (`/api/v1`, OpenAPI generated from the route schemas), liveness and metrics, and the
 * dashboard. Deny by default: everything under /api/v1 but sign-in and the OpenAPI document needs
 * a verified identity, and the use cases check its permissions.
 */
export const createHttpApp = (deps: HttpDeps): OpenAPIHono<HttpEnv> => {
  const app = new OpenAPIHono<HttpEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const issues = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))
        const first = issues[0]
        throw new WakaError('INVALID_ARGUMENT', `invalid request: ${first ? `${first.path || 'body'}: ${first.message}` : 'malformed'}`, { details: { issues } })
      }
    },
  })
  app.onError(createErrorHandler(deps.logger))
  app.use('*', requestLog(deps.logger))
  app.use('/api/*', async (c, next) => {
    await next()
    deps.metrics.countRequest(c.req.method, c.req.routePath, c.res.status)
  })
  app.use('/api/*', unless((c) => isBlobUpload(c.req.method, c.req.path), limitBody(MAX_JSON_BYTES)))
  app.use('/api/*', limitJsonDepth())
  app.use('/api/*', unless((c) => PUBLIC_API.has(`${c.req.method} ${c.req.path}`), authenticate(deps)))
  app.use('/metrics', authenticate(deps))
  const reads = createReadCache({ version: (notBefore) => deps.app.store.ledgerVersion(notBefore), now: () => deps.app.clock.now().getTime(), maxAgeMs: READ_MAX_AGE_MS, maxEntries: 1_000 })
  registerOps(app, deps)
  registerSignIn(app, deps)
  registerSessionRoutes(app, deps)
  registerStatusRoutes(app, deps, reads)
  registerTargetRoutes(app, deps)
  registerReleaseRoutes(app, deps)
  registerArtifactDownloads(app, deps)
  registerDeploymentRoutes(app, deps, reads)
  registerExecutionRoutes(app, deps, { ...deps.execution, observer: (event) => deps.events.emit(event) })
  registerControlRoutes(app, deps)
  registerAuditRoutes(app, deps)
  registerNotificationRoutes(app, deps)
  registerDoraRoutes(app, deps)
  registerPreviewRoutes(app, deps)
  registerTokenRoutes(app, deps)
  registerEventRoutes(app, deps)
  app.doc31(OPENAPI_PATH, openApiConfig(deps.version))
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', description: 'An API token (waka_…) or a GitHub Actions OIDC token' })
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'waka_session' })
  app.all('/api/*', () => {
    throw new WakaError('NOT_FOUND', 'no such API route')
  })
  registerWeb(app, deps.webRoot)
  app.notFound((c) => c.json(errorBody('NOT_FOUND', 'no such route'), 404))
  return app
}
