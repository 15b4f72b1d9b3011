import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { freeze, unfreeze } from '../../app/freeze.ts'
import { hold, unhold } from '../../app/hold.ts'
import { quarantine } from '../../app/quarantine.ts'
import { resumeAutoDeploy } from '../../app/resume.ts'
import { parseDuration } from '../../core/duration.ts'
import { WakaError } from '../../core/errors.ts'
import { callerOf } from '../acting.ts'
import type { HttpDeps, HttpEnv } from '../http-deps.ts'
import { jsonBody, jsonResponses, text } from '../schemas/helpers.ts'
import { freezeSchema, quarantineSchema } from '../schemas/records.ts'

const tags = ['controls']
const done = z.object({ ok: z.literal(true) }).openapi('Done')
const envParam = z.object({ environment: z.string().openapi({ param: { name: 'environment', in: 'path' }, example: 'production' }) })
const targetParams = envParam.extend({ service: z.string().openapi({ param: { name: 'service', in: 'path' }, example: 'web' }) })
const releaseParams = z.object({
  service: z.string().openapi({ param: { name: 'service', in: 'path' }, example: 'web' }),
  release: z.string().openapi({ param: { name: 'release', in: 'path' }, example: 'v1.4.2' }),
})
const reasonBody = jsonBody(z.object({ reason: text.nullable().default(null) }))

const route = <TParams extends z.ZodObject>(method: 'post' | 'delete', path: string, summary: string, params: TParams) =>
  createRoute({ method, path, tags, summary, request: { params, ...reasonBody }, responses: jsonResponses(done, 'Done') })

const freezeRoute = createRoute({
  method: 'post',
  path: '/api/v1/environments/{environment}/freeze',
  tags,
  summary: 'Freeze an environment: nothing deploys into it but rollbacks',
  request: { params: envParam, ...jsonBody(z.object({ reason: text, for: z.string().nullable().default(null).openapi({ example: '2h' }) })) },
  responses: jsonResponses(freezeSchema, 'The freeze', 201),
})
const unfreezeRoute = route('delete', '/api/v1/environments/{environment}/freeze', 'Lift a freeze', envParam)
const holdRoute = route('post', '/api/v1/environments/{environment}/services/{service}/hold', 'Hold the lock: deployments queue behind it', targetParams)
const unholdRoute = route('delete', '/api/v1/environments/{environment}/services/{service}/hold', 'Lift a hold', targetParams)
const resumeRoute = route('post', '/api/v1/environments/{environment}/services/{service}/resume', 'Resume auto-deploy after an automatic rollback paused it', targetParams)
const quarantineRoute = createRoute({
  method: 'post',
  path: '/api/v1/releases/{service}/{release}/quarantine',
  tags,
  summary: 'Quarantine a release: no path deploys it again',
  request: { params: releaseParams, ...reasonBody },
  responses: jsonResponses(quarantineSchema, 'The quarantine', 201),
})
const liftRoute = route('delete', '/api/v1/releases/{service}/{release}/quarantine', 'Lift a quarantine', releaseParams)

export const registerControlRoutes = (api: OpenAPIHono<HttpEnv>, deps: HttpDeps): void => {
  api.openapi(freezeRoute, async (c) => {
    const { context, actor } = callerOf(deps, c)
    const body = c.req.valid('json')
    const forMs = body.for === null ? null : parseDuration(body.for)
    if (body.for !== null && forMs === null) throw new WakaError('INVALID_ARGUMENT', `for: expected a duration like 2h, got ${JSON.stringify(body.for)}`)
    return c.json(await freeze(context, { actor, environment: c.req.valid('param').environment, reason: body.reason, forMs }), 201)
  })
  api.openapi(unfreezeRoute, async (c) => {
    const { context, actor } = callerOf(deps, c)
    await unfreeze(context, { actor, environment: c.req.valid('param').environment, reason: c.req.valid('json').reason })
    return c.json({ ok: true as const }, 200)
  })
  api.openapi(holdRoute, async (c) => {
    const { context, actor } = callerOf(deps, c)
    await hold(context, { actor, ...c.req.valid('param'), reason: c.req.valid('json').reason })
    return c.json({ ok: true as const }, 200)
  })
  api.openapi(unholdRoute, async (c) => {
    const { context, actor } = callerOf(deps, c)
    await unhold(context, { actor, ...c.req.valid('param'), reason: c.req.valid('json').reason })
    return c.json({ ok: true as const }, 200)
  })
  api.openapi(resumeRoute, async (c) => {
    const { context, actor } = callerOf(deps, c)
    await resumeAutoDeploy(context, { actor, ...c.req.valid('param'), reason: c.req.valid('json').reason })
    return c.json({ ok: true as const }, 200)
  })
  api.openapi(quarantineRoute, async (c) => {
    const { context, actor } = callerOf(deps, c)
    const placed = await quarantine(context, { actor, ...c.req.valid('param'), reason: c.req.valid('json').reason, lift: false })
    if (!placed) throw new WakaError('INTERNAL', 'quarantine placed no record')
    return c.json(placed, 201)
  })
  api.openapi(liftRoute, async (c) => {
    const { context, actor } = callerOf(deps, c)
    await quarantine(context, { actor, ...c.req.valid('param'), reason: c.req.valid('json').reason, lift: true })
    return c.json({ ok: true as const }, 200)
  })
}
