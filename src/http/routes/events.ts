import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { streamSSE } from 'hono/streaming'
import { actingAs } from '../../app/acting.ts'
import { deploymentDetail } from '../../app/read.ts'
import { isAllowed } from '../../core/access/access-policy.ts'
import type { EngineEvent } from '../../engine/events.ts'
import type { HttpDeps, HttpEnv } from '../http-deps.ts'
import { commonErrors } from '../schemas/error.ts'

const HEARTBEAT_MS = 15_000

const eventsRoute = createRoute({
  method: 'get',
  path: '/api/v1/events',
  tags: ['events'],
  summary:
    'Server-sent events: `deployment` (a deployment changed state; the Deployment as JSON) for every environment the caller may read, and `log` (a log line, secrets masked) for the deployment named by `deployment`',
  request: { query: z.object({ deployment: z.coerce.number().int().positive().optional() }) },
  responses: {
    200: { content: { 'text/event-stream': { schema: z.string() } }, description: 'An event stream' },
    ...commonErrors,
  },
})

export const registerEventRoutes = (api: OpenAPIHono<HttpEnv>, deps: HttpDeps): void => {
  api.openapi(eventsRoute, async (c) => {
    const identity = c.get('identity')
    const context = actingAs(deps.app, identity)
    const { policy } = context
    const logsOf = c.req.valid('query').deployment
    // the log stream of one deployment is checked up front: its environment must be readable
    if (logsOf !== undefined) await deploymentDetail(context, { actor: identity.name, deploymentId: logsOf })
    return streamSSE(c, async (stream) => {
      const queue: (EngineEvent | 'heartbeat')[] = []
      let wake: (() => void) | null = null
      const push = (event: EngineEvent | 'heartbeat') => {
        queue.push(event)
        wake?.()
      }
      const stop = deps.events.listen(push)
      // one timer for the stream's life: a timer per wait would pile up under a busy stream and keep
      // the process alive after shutdown until the last one fired
      const heartbeat = setInterval(() => push('heartbeat'), HEARTBEAT_MS)
      const end = () => {
        stop()
        clearInterval(heartbeat)
        wake?.()
      }
      stream.onAbort(end)
      let id = 0
      while (!stream.aborted) {
        const event = queue.shift()
        if (!event) {
          await new Promise<void>((resolve) => (wake = resolve))
          wake = null
          continue
        }
        if (event === 'heartbeat') {
          if (queue.length === 0) await stream.write(': heartbeat\n\n')
        } else if (event.type === 'transition') {
          const { deployment } = event
          if (isAllowed(policy.access, identity.name, 'read', deployment.environment)) await stream.writeSSE({ event: 'deployment', data: JSON.stringify(deployment), id: String(++id) })
        } else if (event.type === 'log' && event.deploymentId === logsOf) {
          await stream.writeSSE({ event: 'log', data: JSON.stringify({ deploymentId: event.deploymentId, ...event.line }), id: String(++id) })
        }
      }
      end()
    })
  })
}
