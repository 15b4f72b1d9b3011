import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { authorizeAnyRead } from '../../app/authorize.ts'
import { promotionRelease } from '../../app/deploy.ts'
import { requireService, resolveRelease } from '../../app/lookup.ts'
import { previewRollback } from '../../app/rollback.ts'
import { rollbackReadiness } from '../../app/rollback-readiness.ts'
import { callerOf } from '../acting.ts'
import type { HttpDeps, HttpEnv } from '../http-deps.ts'
import { jsonResponses } from '../schemas/helpers.ts'
import { rollbackReadinessSchema } from '../schemas/readiness.ts'
import { releaseSchema } from '../schemas/records.ts'

const tags = ['previews']
const previewOf = <TQuery extends z.ZodObject>(path: string, summary: string, query: TQuery) =>
  createRoute({ method: 'get', path, tags, summary, request: { query }, responses: jsonResponses(releaseSchema, 'The release it would move') })

const deploymentPreview = previewOf('/api/v1/previews/deployment', 'The release a deploy would move (for confirmations)', z.object({ service: z.string(), release: z.string() }))
const promotionPreview = previewOf(
  '/api/v1/previews/promotion',
  'The release a promotion would move: the named one or the one live upstream',
  z.object({ service: z.string(), to: z.string(), from: z.string().optional(), release: z.string().optional() }),
)
const rollbackPreview = previewOf(
  '/api/v1/previews/rollback',
  'The release a rollback would return to',
  z.object({ service: z.string(), environment: z.string(), to: z.string().optional() }),
)

const readinessRoute = createRoute({
  method: 'get',
  path: '/api/v1/services/{service}/environments/{environment}/rollback-readiness',
  tags,
  summary:
    'Whether a rollback would work: the release it returns to is known, not quarantined, and intact on every target (asked of the driver). `moment=after`: for a deployment about to run, the release live now',
  request: { params: z.object({ service: z.string(), environment: z.string() }), query: z.object({ moment: z.enum(['now', 'after']).optional() }) },
  responses: jsonResponses(rollbackReadinessSchema, 'The checks and each target\'s answer'),
})

/** What an action would do, without doing it: confirmations name the object before anything changes. */
export const registerPreviewRoutes = (api: OpenAPIHono<HttpEnv>, deps: HttpDeps): void => {
  api.openapi(deploymentPreview, async (c) => {
    const { context, actor } = callerOf(deps, c)
    authorizeAnyRead(context.policy, actor)
    const { service, release } = c.req.valid('query')
    requireService(context.policy, service)
    return c.json(await resolveRelease(context.store, service, release), 200)
  })
  api.openapi(promotionPreview, async (c) => {
    const { context, actor } = callerOf(deps, c)
    authorizeAnyRead(context.policy, actor)
    const { service, to, from, release } = c.req.valid('query')
    return c.json(await promotionRelease(context.store, context, { service, to, from: from ?? null, release: release ?? null }), 200)
  })
  api.openapi(rollbackPreview, async (c) => {
    const { context, actor } = callerOf(deps, c)
    const { service, environment, to } = c.req.valid('query')
    return c.json(await previewRollback(context, { actor, service, environment, to: to ?? null }), 200)
  })
  api.openapi(readinessRoute, async (c) => {
    const { context, actor } = callerOf(deps, c)
    const { service, environment } = c.req.valid('param')
    return c.json(await rollbackReadiness(context, { actor, service, environment, moment: c.req.valid('query').moment ?? 'now' }), 200)
  })
}
