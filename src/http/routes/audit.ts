import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { listAudit, verifyAudit } from '../../app/audit-verify.ts'
import { callerOf } from '../acting.ts'
import type { HttpDeps, HttpEnv } from '../http-deps.ts'
import { jsonResponses, limitQuery } from '../schemas/helpers.ts'
import { auditEventSchema } from '../schemas/records.ts'
import { chainVerdictSchema } from '../schemas/views.ts'

const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/audit-events',
  tags: ['audit'],
  summary: 'The audit log, oldest first, each event chained to the one before by hash',
  request: { query: z.object({ after: z.coerce.number().int().min(0).default(0), limit: limitQuery }) },
  responses: jsonResponses(z.array(auditEventSchema), 'Audit events'),
})

const verifyRoute = createRoute({
  method: 'get',
  path: '/api/v1/audit-events/verification',
  tags: ['audit'],
  summary: 'Recompute the hash chain and report the first broken link',
  responses: jsonResponses(chainVerdictSchema, 'The verdict'),
})

export const registerAuditRoutes = (api: OpenAPIHono<HttpEnv>, deps: HttpDeps): void => {
  api.openapi(listRoute, async (c) => {
    const { context, actor } = callerOf(deps, c)
    const { after, limit } = c.req.valid('query')
    return c.json(await listAudit(context, { actor, afterSeq: after, limit }), 200)
  })
  api.openapi(verifyRoute, async (c) => {
    const { context, actor } = callerOf(deps, c)
    return c.json(await verifyAudit(context, { actor }), 200)
  })
}
