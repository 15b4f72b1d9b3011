import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { cancel } from '../../app/cancel.ts'
import { recordGithubEnvironmentGate } from '../../app/github-environment.ts'
import { decide } from '../../app/decide.ts'
import { deploy, promote } from '../../app/deploy.ts'
import { deploymentDetail, deploymentLogs, history } from '../../app/read.ts'
import type { Requested } from '../../app/request-deployment.ts'
import { rollback } from '../../app/rollback.ts'
import { DEPLOYMENT_STATUSES } from '../../core/deployment/deployment-machine.ts'
import { callerOf } from '../acting.ts'
import type { HttpDeps, HttpEnv } from '../http-deps.ts'
import { respondWithRead, viewerKey, type ReadCache } from '../read-cache.ts'
import { idParam, jsonBody, jsonResponses, limitQuery, notModified, text } from '../schemas/helpers.ts'
import { deploymentSchema, logLineSchema, requestedSchema } from '../schemas/records.ts'
import { decisionSchema, deploymentDetailSchema } from '../schemas/views.ts'

const tags = ['deployments']

const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/deployments',
  tags,
  summary: 'Deployments, newest first, in the environments the caller may read',
  request: {
    query: z.object({
      service: z.string().optional(),
      environment: z.string().optional(),
      status: z.enum(DEPLOYMENT_STATUSES).array().or(z.enum(DEPLOYMENT_STATUSES)).optional(),
      limit: limitQuery,
      before: z.coerce.number().int().positive().optional().openapi({ description: 'Only deployments with a smaller id: the next page starts before the last id of this one' }),
    }),
  },
  responses: { ...jsonResponses(z.array(deploymentSchema), 'Deployments'), ...notModified },
})

const getRoute = createRoute({
  method: 'get',
  path: '/api/v1/deployments/{id}',
  tags,
  summary: 'One deployment with its release, approvals, steps and the rollbacks it caused',
  request: { params: idParam },
  responses: jsonResponses(deploymentDetailSchema, 'The deployment'),
})

const logsRoute = createRoute({
  method: 'get',
  path: '/api/v1/deployments/{id}/logs',
  tags,
  summary: "A page of a deployment's log (secrets already masked)",
  request: { params: idParam, query: z.object({ after: z.coerce.number().int().min(0).default(0), limit: limitQuery }) },
  responses: jsonResponses(z.array(logLineSchema), 'Log lines, oldest first'),
})

const deployRoute = createRoute({
  method: 'post',
  path: '/api/v1/deployments',
  tags,
  summary: 'Request a deployment of a named release (a promotion, with its gates, where the environment has promoteFrom)',
  request: jsonBody(z.object({ service: z.string(), environment: z.string(), release: z.string(), reason: text.nullable().default(null) })),
  responses: jsonResponses(requestedSchema, 'The requested deployment and where its gates sent it', 201),
})

const promoteRoute = createRoute({
  method: 'post',
  path: '/api/v1/promotions',
  tags,
  summary: 'Promote the release live upstream (or a named one verified there)',
  request: jsonBody(
    z.object({
      service: z.string(),
      to: z.string(),
      from: z.string().nullable().default(null),
      release: z.string().nullable().default(null),
      reason: text.nullable().default(null),
    }),
  ),
  responses: jsonResponses(requestedSchema, 'The requested promotion', 201),
})

const rollbackRoute = createRoute({
  method: 'post',
  path: '/api/v1/rollbacks',
  tags,
  summary: 'Roll back to the previous verified release, or a named one verified in the environment',
  request: jsonBody(z.object({ service: z.string(), environment: z.string(), to: z.string().nullable().default(null), reason: text.nullable().default(null) })),
  responses: jsonResponses(requestedSchema, 'The requested rollback', 201),
})

const approvalRoute = createRoute({
  method: 'post',
  path: '/api/v1/deployments/{id}/approvals',
  tags,
  summary: 'Approve or reject a waiting deployment (bound to its release digest; never the requester unless allowed)',
  request: { params: idParam, ...jsonBody(z.object({ decision: z.enum(['approve', 'reject']), comment: text.default('') })) },
  responses: jsonResponses(decisionSchema, 'The recorded decision', 201),
})

const cancelRoute = createRoute({
  method: 'post',
  path: '/api/v1/deployments/{id}/cancel',
  tags,
  summary: 'Cancel a deployment that has not started',
  request: { params: idParam, ...jsonBody(z.object({ reason: text.nullable().default(null) })) },
  responses: jsonResponses(deploymentSchema, 'The cancelled deployment'),
})

export const registerDeploymentRoutes = (api: OpenAPIHono<HttpEnv>, deps: HttpDeps, reads: ReadCache): void => {
  const publish = async (c: Context<HttpEnv>, requested: Requested): Promise<Requested> => {
    await recordGithubEnvironmentGate(deps.app, c.get('identity'), requested.deployment)
    for (const deployment of [requested.deployment, ...requested.superseded]) deps.events.emit({ type: 'transition', deployment })
    return requested
  }

  api.openapi(listRoute, async (c) => {
    const query = c.req.valid('query')
    const { context, actor } = callerOf(deps, c)
    const statuses = query.status === undefined ? null : Array.isArray(query.status) ? query.status : [query.status]
    const historyQuery = {
      actor,
      service: query.service ?? null,
      environment: query.environment ?? null,
      statuses,
      limit: query.limit,
      beforeId: query.before ?? null,
    }
    const { actor: _, ...asked } = historyQuery
    const read = await reads.get(`history|${viewerKey(context, actor)}|${JSON.stringify(asked)}`, () => history(context, historyQuery), c.get('arrivedAt'))
    return respondWithRead(c, read)
  })
  api.openapi(getRoute, async (c) => {
    const { context, actor } = callerOf(deps, c)
    return c.json(await deploymentDetail(context, { actor, deploymentId: c.req.valid('param').id }), 200)
  })
  api.openapi(logsRoute, async (c) => {
    const { context, actor } = callerOf(deps, c)
    const { after, limit } = c.req.valid('query')
    return c.json(await deploymentLogs(context, { actor, deploymentId: c.req.valid('param').id, afterSeq: after, limit }), 200)
  })
  api.openapi(deployRoute, async (c) => {
    const { context, actor } = callerOf(deps, c)
    return c.json(await publish(c, await deploy(context, { actor, ...c.req.valid('json') })), 201)
  })
  api.openapi(promoteRoute, async (c) => {
    const { context, actor } = callerOf(deps, c)
    return c.json(await publish(c, await promote(context, { actor, ...c.req.valid('json') })), 201)
  })
  api.openapi(rollbackRoute, async (c) => {
    const { context, actor } = callerOf(deps, c)
    return c.json(await publish(c, await rollback(context, { actor, ...c.req.valid('json') })), 201)
  })
  api.openapi(approvalRoute, async (c) => {
    const { context, actor } = callerOf(deps, c)
    const result = await decide(context, { actor, deploymentId: c.req.valid('param').id, ...c.req.valid('json') })
    deps.events.emit({ type: 'transition', deployment: result.deployment })
    return c.json(result, 201)
  })
  api.openapi(cancelRoute, async (c) => {
    const { context, actor } = callerOf(deps, c)
    const deployment = await cancel(context, { actor, deploymentId: c.req.valid('param').id, reason: c.req.valid('json').reason })
    deps.events.emit({ type: 'transition', deployment })
    return c.json(deployment, 200)
  })
}
