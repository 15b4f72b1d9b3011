import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { targetHosts } from '../../app/target-hosts.ts'
import { callerOf } from '../acting.ts'
import type { HttpDeps, HttpEnv } from '../http-deps.ts'
import { jsonResponses, orNull } from '../schemas/helpers.ts'
import { releaseSchema } from '../schemas/records.ts'

const hostLiveSchema = z
  .object({ target: z.string(), live: z.string().nullable(), error: z.string().nullable(), drift: z.boolean() })
  .openapi('HostLive')

const targetHostsSchema = z
  .object({ service: z.string(), environment: z.string(), ledger: orNull(releaseSchema), hosts: z.array(hostLiveSchema).readonly(), drifted: z.number().int() })
  .openapi('TargetHosts')

const targetsRoute = createRoute({
  method: 'get',
  path: '/api/v1/targets',
  tags: ['status'],
  summary: "What each target's hosts run, asked of their drivers, next to the ledger (drift)",
  request: { query: z.object({ service: z.string().optional() }) },
  responses: jsonResponses(z.array(targetHostsSchema).readonly(), 'Per service × environment, its hosts'),
})

export const registerTargetRoutes = (api: OpenAPIHono<HttpEnv>, deps: HttpDeps): void => {
  api.openapi(targetsRoute, async (c) => {
    const { context, actor } = callerOf(deps, c)
    return c.json(await targetHosts(context, { actor, service: c.req.valid('query').service ?? null }), 200)
  })
}
