import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { listDeliveries } from '../../app/notification-deliveries.ts'
import { DELIVERY_STATES } from '../../core/notify/outbox.ts'
import { callerOf } from '../acting.ts'
import type { HttpDeps, HttpEnv } from '../http-deps.ts'
import { jsonResponses, limitQuery } from '../schemas/helpers.ts'
import { deliverySchema } from '../schemas/records.ts'

const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/notification-deliveries',
  tags: ['notifications'],
  summary: 'The notification delivery log, newest first (never a URL, key or body)',
  request: {
    query: z.object({
      before: z.coerce.number().int().min(1).optional().openapi({ description: 'Only deliveries with a smaller id (paging)' }),
      state: z.enum(DELIVERY_STATES).optional(),
      limit: limitQuery,
    }),
  },
  responses: jsonResponses(z.array(deliverySchema), 'Deliveries'),
})

export const registerNotificationRoutes = (api: OpenAPIHono<HttpEnv>, deps: HttpDeps): void => {
  api.openapi(listRoute, async (c) => {
    const { context, actor } = callerOf(deps, c)
    const { before, state, limit } = c.req.valid('query')
    return c.json(await listDeliveries(context, { actor, limit, ...(before === undefined ? {} : { beforeId: before }), ...(state === undefined ? {} : { state }) }), 200)
  })
}
