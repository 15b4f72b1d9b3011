import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { LOG_LEVELS, STEP_NAMES } from '../../core/store.ts'
import type { ExecutionDeps, FencedCall } from '../../engine/execution-access.ts'
import { claimExecution } from '../../engine/execution-claim.ts'
import { appendLogs, beginStep, endStep, finishExecution, heartbeat, toVerifying } from '../../engine/execution-records.ts'
import { callerOf } from '../acting.ts'
import type { HttpDeps, HttpEnv } from '../http-deps.ts'
import { idParam, jsonBody, jsonResponses, orNull } from '../schemas/helpers.ts'
import { deploymentSchema, releaseSchema } from '../schemas/records.ts'

const tags = ['execution']
const epoch = z.number().int().min(1).openapi({ description: 'The fencing epoch the claim returned; refused with STALE_EPOCH once it no longer holds the lock' })
const time = z.string().datetime().openapi({ format: 'date-time' })
const base = '/api/v1/deployments/{id}/execution'
/** Reasons and step details: a driver's error message can be long (the runner keeps the first 16000 characters). */
const outcomeText = z.string().max(20_000)

const claimSchema = z
  .object({
    deployment: deploymentSchema,
    epoch: z.number().int(),
    leaseTtlMs: z.number().int(),
    leaseExpiresAt: time,
    release: releaseSchema,
    previousRelease: orNull(releaseSchema),
    lastVerifiedRelease: orNull(releaseSchema),
  })
  .openapi('ExecutionClaim')

const outcomeSchema = z.object({ deployment: deploymentSchema, rollback: orNull(deploymentSchema), notes: z.array(z.string()).readonly() }).openapi('ExecutionOutcome')

const withParams =
  <TParams extends z.ZodObject>(params: TParams) =>
  <TBody extends z.ZodType, TResponse extends z.ZodType>(path: string, summary: string, body: TBody, response: TResponse) =>
    createRoute({ method: 'post', path: `${base}${path}`, tags, summary, request: { params, ...jsonBody(body) }, responses: jsonResponses(response, summary) })
const route = withParams(idParam)
const stepRoute = withParams(idParam.extend({ stepId: z.coerce.number().int().positive().openapi({ param: { name: 'stepId', in: 'path' } }) }))

const claimRoute = route(
  '/claim',
  'A runner claims a queued deployment of an executor: runner environment: gates re-checked, the lock taken with a new fencing epoch',
  z.object({}),
  claimSchema,
)
const heartbeatRoute = route('/heartbeat', 'Extends the lease of a claimed deployment', z.object({ epoch }), z.object({ leaseExpiresAt: time }))
const beginStepRoute = route(
  '/steps',
  "Records a step's intent before the runner runs it",
  z.object({ epoch, name: z.enum(STEP_NAMES).exclude(['reconcile']) }),
  z.object({ stepId: z.number().int() }),
)
const endStepRoute = stepRoute(
  '/steps/{stepId}',
  'Records how a step ended',
  z.object({ epoch, status: z.enum(['succeeded', 'failed']), detail: outcomeText.nullable().default(null) }),
  z.object({ stepId: z.number().int() }),
)
const logsRoute = route(
  '/logs',
  "Appends lines to the deployment's log (masked again with the server's secrets)",
  z.object({
    epoch,
    lines: z
      .array(z.object({ at: time, level: z.enum(LOG_LEVELS), source: z.string().min(1).max(64), message: z.string().max(32_000) }))
      .min(1)
      .max(1_000),
  }),
  z.object({ appended: z.number().int() }),
)
const verifyingRoute = route('/verifying', 'Activated on the runner: the deployment moves to verifying', z.object({ epoch, reason: outcomeText }), deploymentSchema)
const finishRoute = route(
  '/finish',
  "The runner's outcome; a failure has the engine's consequences (automatic rollback, quarantine, freeze)",
  z.discriminatedUnion('status', [
    z.object({ epoch, status: z.literal('succeeded'), reason: outcomeText }),
    z.object({ epoch, status: z.enum(['failed', 'errored']), reason: outcomeText, touchedTargets: z.boolean(), healthFailed: z.boolean() }),
  ]),
  outcomeSchema,
)

/**
 * Executor mode: a runner runs a deployment of an `executor: runner` environment and records every
 * step here. The caller needs `deploy` in the deployment's environment; every write carries the
 * epoch of its claim.
 */
export const registerExecutionRoutes = (api: OpenAPIHono<HttpEnv>, deps: HttpDeps, execution: ExecutionDeps): void => {
  const fenced = (c: Context<HttpEnv>, id: number, epochOf: number): FencedCall => ({ ...callerOf(deps, c), deploymentId: id, epoch: epochOf })

  api.openapi(claimRoute, async (c) => {
    const { id } = c.req.valid('param')
    return c.json(await claimExecution(execution, { ...callerOf(deps, c), deploymentId: id }), 200)
  })
  api.openapi(heartbeatRoute, async (c) => c.json(await heartbeat(execution, fenced(c, c.req.valid('param').id, c.req.valid('json').epoch)), 200))
  api.openapi(beginStepRoute, async (c) => {
    const body = c.req.valid('json')
    return c.json(await beginStep(execution, { ...fenced(c, c.req.valid('param').id, body.epoch), name: body.name }), 200)
  })
  api.openapi(endStepRoute, async (c) => {
    const { id, stepId } = c.req.valid('param')
    const body = c.req.valid('json')
    await endStep(execution, { ...fenced(c, id, body.epoch), stepId, status: body.status, detail: body.detail })
    return c.json({ stepId }, 200)
  })
  api.openapi(logsRoute, async (c) => {
    const body = c.req.valid('json')
    await appendLogs(execution, { ...fenced(c, c.req.valid('param').id, body.epoch), lines: body.lines })
    return c.json({ appended: body.lines.length }, 200)
  })
  api.openapi(verifyingRoute, async (c) => {
    const body = c.req.valid('json')
    return c.json(await toVerifying(execution, { ...fenced(c, c.req.valid('param').id, body.epoch), reason: body.reason }), 200)
  })
  api.openapi(finishRoute, async (c) => {
    const { epoch: claimEpoch, ...outcome } = c.req.valid('json')
    return c.json(await finishExecution(execution, { ...fenced(c, c.req.valid('param').id, claimEpoch), outcome }), 200)
  })
}
