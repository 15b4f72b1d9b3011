import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { authorizeAnyRead } from '../../app/authorize.ts'
import { status } from '../../app/status.ts'
import { EXECUTORS } from '../../core/policy.ts'
import { callerOf } from '../acting.ts'
import type { HttpDeps, HttpEnv } from '../http-deps.ts'
import { respondWithRead, viewerKey, type ReadCache } from '../read-cache.ts'
import { jsonResponses, notModified } from '../schemas/helpers.ts'
import { statusReportSchema } from '../schemas/views.ts'

const environmentSchema = z
  .object({
    name: z.string(),
    promoteFrom: z.string().nullable(),
    autoDeploy: z.object({ branches: z.array(z.string()).readonly() }).nullable(),
    queue: z.enum(['fifo', 'latest']),
    confirm: z.boolean(),
    gates: z.object({
      approvals: z
        .object({ required: z.number().int(), from: z.array(z.string()).readonly(), allowSelfApproval: z.boolean(), expireAfterMs: z.number().nullable() })
        .nullable(),
      soakMs: z.number(),
      windows: z.array(z.object({ days: z.array(z.string()).readonly(), fromMinute: z.number(), toMinute: z.number(), timezone: z.string() })).readonly(),
      branches: z.array(z.string()).readonly().nullable(),
    }),
    rollback: z.object({ auto: z.boolean(), keepReleases: z.number().int(), quarantineFailed: z.boolean() }),
    executor: z.enum(EXECUTORS).openapi({ description: 'server: the server runs deployments here; runner: a CI runner claims them (waka execute)' }),
  })
  .openapi('Environment')

export const pipelineSchema = z
  .object({
    services: z.array(z.object({ name: z.string(), repository: z.object({ name: z.string(), id: z.number().nullable() }).nullable() })).readonly(),
    environments: z.array(environmentSchema).readonly(),
  })
  .openapi('Pipeline')

const statusRoute = createRoute({
  method: 'get',
  path: '/api/v1/status',
  tags: ['status'],
  summary: 'The service × environment matrix the caller may read, with pending approvals',
  request: { query: z.object({ service: z.string().optional() }) },
  responses: { ...jsonResponses(statusReportSchema, 'Status'), ...notModified },
})

const pipelineRoute = createRoute({
  method: 'get',
  path: '/api/v1/pipeline',
  tags: ['status'],
  summary: 'Services and environments in pipeline order, with their gates (no secret values: waka.yml holds none)',
  responses: jsonResponses(pipelineSchema, 'The pipeline'),
})

export const registerStatusRoutes = (api: OpenAPIHono<HttpEnv>, deps: HttpDeps, reads: ReadCache): void => {
  api.openapi(statusRoute, async (c) => {
    const { context, actor } = callerOf(deps, c)
    const service = c.req.valid('query').service ?? null
    const read = await reads.get(`status|${viewerKey(context, actor)}|${service ?? ''}`, () => status(context, { actor, service }), c.get('arrivedAt'))
    return respondWithRead(c, read)
  })
  api.openapi(pipelineRoute, (c) => {
    const { context, actor } = callerOf(deps, c)
    authorizeAnyRead(context.policy, actor)
    const { policy } = context
    const services = Object.values(policy.services).map((service) => ({ name: service.name, repository: service.repository && { name: service.repository.name, id: service.repository.id } }))
    return c.json({ services, environments: Object.values(policy.environments) }, 200)
  })
}
