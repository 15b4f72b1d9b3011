import { Readable } from 'node:stream'
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { authorizeAnyDeploy } from '../../app/authorize.ts'
import { ARTIFACT_KINDS } from '../../core/release/release.ts'
import { callerOf } from '../acting.ts'
import type { HttpDeps, HttpEnv } from '../http-deps.ts'
import { commonErrors } from '../schemas/error.ts'
import { jsonResponses } from '../schemas/helpers.ts'

const tags = ['releases']
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, { message: 'expected a sha256 as 64 lowercase hex digits' })
const digest = z.string().regex(/^sha256:[0-9a-f]{64}$/, { message: 'expected a digest as sha256:<64 lowercase hex digits>' })

const entrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('file'), path: z.string(), mode: z.number().int(), size: z.number().int().min(0), sha256 }),
  z.object({ type: z.literal('symlink'), path: z.string(), target: z.string() }),
  z.object({ type: z.literal('directory'), path: z.string() }),
])

const manifestRoute = createRoute({
  method: 'get',
  path: '/api/v1/artifacts/{digest}/manifest',
  tags,
  summary: "A release's manifest (every file with its sha256), to fetch its bytes blob by blob and check them against the digest",
  request: { params: z.object({ digest: digest.openapi({ param: { name: 'digest', in: 'path' } }) }) },
  responses: jsonResponses(z.object({ digest, kind: z.enum(ARTIFACT_KINDS), entries: z.array(entrySchema).readonly() }).openapi('ArtifactManifest'), 'The manifest'),
})

const blobRoute = createRoute({
  method: 'get',
  path: '/api/v1/artifacts/blobs/{sha256}',
  tags,
  summary: "One blob's bytes (the reader checks they hash to the name)",
  request: { params: z.object({ sha256: sha256.openapi({ param: { name: 'sha256', in: 'path' } }) }) },
  responses: {
    200: { content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } }, description: 'The bytes' },
    ...commonErrors,
  },
})

/** Release bytes for runners that execute deployments (`executor: runner`); needs `deploy` somewhere. */
export const registerArtifactDownloads = (api: OpenAPIHono<HttpEnv>, deps: HttpDeps): void => {
  api.openapi(manifestRoute, async (c) => {
    const { context, actor } = callerOf(deps, c)
    authorizeAnyDeploy(context.policy, actor)
    const { digest: wanted } = c.req.valid('param')
    const manifest = await deps.artifacts.manifest(wanted)
    return c.json({ digest: wanted, kind: manifest.kind, entries: manifest.entries }, 200)
  })
  api.openapi(blobRoute, async (c) => {
    const { context, actor } = callerOf(deps, c)
    authorizeAnyDeploy(context.policy, actor)
    const chunks = await deps.artifacts.readBlob(c.req.valid('param').sha256)
    const body = Readable.toWeb(Readable.from(chunks)) as unknown as ReadableStream<Uint8Array>
    return new Response(body, { status: 200, headers: { 'content-type': 'application/octet-stream' } })
  })
}
