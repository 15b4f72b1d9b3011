import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { DEFAULT_SINCE, doraMetrics } from '../../app/metrics.ts'
import { callerOf } from '../acting.ts'
import type { HttpDeps, HttpEnv } from '../http-deps.ts'
import { jsonResponses } from '../schemas/helpers.ts'
import { doraReportSchema } from '../schemas/dora.ts'

const doraRoute = createRoute({
  method: 'get',
  path: '/api/v1/metrics/dora',
  tags: ['metrics'],
  summary: 'DORA metrics from the ledger: deployment frequency, change lead time, change failure rate, recovery time, rework rate; per ISO week (UTC) and in total',
  request: {
    query: z.object({
      environment: z.string().optional().openapi({ description: 'Default: the last environment of every pipeline the caller may read' }),
      service: z.string().optional(),
      since: z.string().max(40).default(DEFAULT_SINCE).openapi({ description: 'A duration (90d, 12h) or an ISO 8601 date or time', example: '90d' }),
    }),
  },
  responses: jsonResponses(doraReportSchema, 'The metrics'),
})

export const registerDoraRoutes = (api: OpenAPIHono<HttpEnv>, deps: HttpDeps): void => {
  api.openapi(doraRoute, async (c) => {
    const { context, actor } = callerOf(deps, c)
    const { environment, service, since } = c.req.valid('query')
    return c.json(await doraMetrics(context, { actor, environment: environment ?? null, service: service ?? null, since }), 200)
  })
}
