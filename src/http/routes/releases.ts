import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { authorizeRelease } from '../../app/authorize.ts'
import { createRelease } from '../../app/create-release.ts'
import { listReleases } from '../../app/read.ts'
import { WakaError } from '../../core/errors.ts'
import { ARTIFACT_KINDS } from '../../core/release/release.ts'
import { assertCommitMatches, commitOf } from '../../auth/github-identity.ts'
import { callerOf } from '../acting.ts'
import type { HttpDeps, HttpEnv } from '../http-deps.ts'
import { limitBody } from '../middleware/body-guard.ts'
import { jsonBody, jsonResponses, limitQuery } from '../schemas/helpers.ts'
import { releaseRowSchema, releaseSchema, requestedSchema } from '../schemas/records.ts'

export const MAX_BLOB_BYTES = 512 * 1024 * 1024
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, { message: 'expected a sha256 as 64 lowercase hex digits' })
const tags = ['releases']

const entrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('file'), path: z.string(), mode: z.number().int(), size: z.number().int().min(0), sha256 }),
  z.object({ type: z.literal('symlink'), path: z.string(), target: z.string() }),
  z.object({ type: z.literal('directory'), path: z.string() }),
])

const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/releases',
  tags,
  summary: "A service's releases, newest first, with quarantines",
  request: { query: z.object({ service: z.string(), limit: limitQuery }) },
  responses: jsonResponses(z.array(releaseRowSchema), 'Releases'),
})

const createReleaseRoute = createRoute({
  method: 'post',
  path: '/api/v1/releases',
  tags,
  summary: 'Register a release from a manifest whose blobs were uploaded; starts the auto-deploys it triggers',
  request: jsonBody(
    z.object({
      service: z.string(),
      version: z.string(),
      artifact: z.union([
        z.object({ kind: z.enum(ARTIFACT_KINDS), entries: z.array(entrySchema).min(1).max(200_000) }),
        z.object({ image: z.string().min(1).max(1024).openapi({ description: 'repo@sha256:… or repo:tag; a tag is resolved once, by the server, to its manifest digest' }) }),
      ]),
      source: z
        .object({
          repository: z.string().nullable(),
          commit: z.string().nullable(),
          branch: z.string().nullable(),
          buildUrl: z.string().nullable(),
          committedAt: z.string().max(64).nullable().default(null).openapi({ description: 'When the commit was made, ISO 8601 with an offset (git show -s --format=%cI)', example: '2026-03-01T10:00:00+05:30' }),
        })
        .default({ repository: null, commit: null, branch: null, buildUrl: null, committedAt: null }),
    }),
  ),
  responses: jsonResponses(z.object({ release: releaseSchema, created: z.boolean(), deployments: z.array(requestedSchema).readonly(), skipped: z.array(z.object({ environment: z.string(), reason: z.string() })).readonly() }), 'The release and the deployments it started', 201),
})

const missingRoute = createRoute({
  method: 'post',
  path: '/api/v1/artifacts/missing',
  tags,
  summary: 'Which of these blobs the server does not hold yet (upload only those)',
  request: jsonBody(z.object({ sha256: z.array(sha256).max(200_000) })),
  responses: jsonResponses(z.object({ missing: z.array(sha256) }), 'The missing blobs'),
})

const putBlobRoute = createRoute({
  method: 'put',
  path: '/api/v1/artifacts/blobs/{sha256}',
  tags,
  summary: 'Upload one blob; refused unless its bytes hash to the name',
  request: {
    params: z.object({ sha256: sha256.openapi({ param: { name: 'sha256', in: 'path' } }) }),
    body: { content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } }, required: true },
  },
  responses: jsonResponses(z.object({ sha256 }), 'Stored', 201),
})

export const registerReleaseRoutes = (api: OpenAPIHono<HttpEnv>, deps: HttpDeps): void => {
  api.openapi(listRoute, async (c) => {
    const { context, actor } = callerOf(deps, c)
    const { service, limit } = c.req.valid('query')
    return c.json(await listReleases(context, { actor, service, limit }), 200)
  })
  api.openapi(createReleaseRoute, async (c) => {
    const { context, actor } = callerOf(deps, c)
    const body = c.req.valid('json')
    const identity = c.get('identity')
    // a workflow's release records the commit and repository from its OIDC token, never the request's
    assertCommitMatches(identity, body.source.commit)
    const { credential } = identity
    const branch = credential.kind === 'github' && credential.ref.startsWith('refs/heads/') ? credential.ref.slice('refs/heads/'.length) : null
    const source = credential.kind === 'github' ? { ...body.source, commit: commitOf(identity), repository: credential.repository, branch } : body.source
    const result = await createRelease(context, { actor, service: body.service, version: body.version, artifact: body.artifact, source })
    for (const requested of result.deployments) deps.events.emit({ type: 'transition', deployment: requested.deployment })
    return c.json(result, 201)
  })
  api.openapi(missingRoute, async (c) => {
    const { context, actor } = callerOf(deps, c)
    authorizeRelease(context.policy, actor, 'any service')
    return c.json({ missing: await deps.artifacts.missingBlobs(c.req.valid('json').sha256) }, 200)
  })
  api.use(putBlobRoute.getRoutingPath(), limitBody(MAX_BLOB_BYTES))
  api.openapi(putBlobRoute, async (c) => {
    const { context, actor } = callerOf(deps, c)
    authorizeRelease(context.policy, actor, 'any service')
    const body = c.req.raw.body
    if (!body) throw new WakaError('INVALID_ARGUMENT', 'the blob upload has no body')
    const { sha256: name } = c.req.valid('param')
    await deps.artifacts.putBlob(name, body, MAX_BLOB_BYTES)
    return c.json({ sha256: name }, 201)
  })
}
