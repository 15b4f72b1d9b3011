import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { createToken, listTokens, revokeToken } from '../../app/tokens.ts'
import { ROLES } from '../../core/access/roles.ts'
import { parseDuration } from '../../core/duration.ts'
import { WakaError } from '../../core/errors.ts'
import type { HttpDeps, HttpEnv } from '../http-deps.ts'
import { idParam, jsonBody, jsonResponses, text } from '../schemas/helpers.ts'

const tags = ['tokens']
export const apiTokenSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    subject: z.string(),
    role: z.enum(ROLES).nullable(),
    environments: z.array(z.string()).readonly(),
    createdBy: z.string(),
    createdAt: z.string(),
    expiresAt: z.string(),
    revokedAt: z.string().nullable(),
    revokedBy: z.string().nullable(),
  })
  .openapi('ApiToken')

const createTokenRoute = createRoute({
  method: 'post',
  path: '/api/v1/tokens',
  tags,
  summary: 'Create an API token; the secret is in this response only and never stored (admin of what it covers)',
  request: jsonBody(
    z.object({
      name: z.string(),
      subject: z.string().nullable().default(null),
      role: z.enum(ROLES).nullable().default(null),
      environments: z.array(z.string()).default([]),
      expiresIn: z.string().openapi({ example: '30d' }),
    }),
  ),
  responses: jsonResponses(z.object({ token: apiTokenSchema, secret: z.string() }), 'The token and its secret (shown once)', 201),
})
const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/tokens',
  tags,
  summary: 'API tokens (no secrets): all of them for admins, your own for others',
  responses: jsonResponses(z.array(apiTokenSchema), 'Tokens'),
})
const revokeRoute = createRoute({
  method: 'delete',
  path: '/api/v1/tokens/{id}',
  tags,
  summary: 'Revoke a token by id (and end its sessions)',
  request: { params: idParam, ...jsonBody(z.object({ reason: text.nullable().default(null) })) },
  responses: jsonResponses(apiTokenSchema, 'The revoked token'),
})

export const registerTokenRoutes = (api: OpenAPIHono<HttpEnv>, deps: HttpDeps): void => {
  api.openapi(createTokenRoute, async (c) => {
    const body = c.req.valid('json')
    const expiresInMs = parseDuration(body.expiresIn)
    if (expiresInMs === null) throw new WakaError('INVALID_ARGUMENT', `expiresIn: expected a duration like 30d, got ${JSON.stringify(body.expiresIn)}`)
    const created = await createToken(deps.app, { identity: c.get('identity'), ...body, expiresInMs })
    return c.json(created, 201)
  })
  api.openapi(listRoute, async (c) => c.json(await listTokens(deps.app, { identity: c.get('identity') }), 200))
  api.openapi(revokeRoute, async (c) =>
    c.json(await revokeToken(deps.app, { identity: c.get('identity'), id: c.req.valid('param').id, reason: c.req.valid('json').reason }), 200),
  )
}
