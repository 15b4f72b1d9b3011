// The registry client against a real registry with token authentication: tags resolve to the
// manifest digest, digests are checked, and each failure has its own code.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveManifestDigest } from '../../src/artifacts/registry/manifest-digest.ts'
import { freePort } from '../helpers/workspace.ts'
import { createImageBuilder, createPodmanSandbox, type PodmanSandbox, type TestImage } from './podman-kit.ts'
import { startRegistry, type TestRegistry } from './registry-kit.ts'

describe('registry client (real docker-registry with bearer-token auth)', () => {
  let dir: string
  let registry: TestRegistry
  let sandbox: PodmanSandbox
  let v1: TestImage
  let v2: TestImage
  const credentials = () => ({ username: registry.user, password: registry.password })

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'waka-registry-'))
    registry = await startRegistry(join(dir, 'registry'))
    sandbox = await createPodmanSandbox(join(dir, 'podman'))
    const builder = await createImageBuilder(sandbox, registry, join(dir, 'build'))
    v1 = await builder.build('acme/api', 'v1')
    v2 = await builder.build('acme/api', 'v2')
  }, 120_000)
  afterAll(async () => {
    await sandbox?.destroy()
    await registry?.stop()
    await rm(dir, { recursive: true, force: true })
  })

  it('resolves a tag to the digest the image was pushed with, and accepts a pinned digest as is', async () => {
    expect(await resolveManifestDigest(v1.tagged, { credentials: credentials() })).toEqual({ repository: v1.repository, digest: v1.digest, platform: null })
    expect((await resolveManifestDigest(v2.pinned, { credentials: credentials() })).digest).toBe(v2.digest)
    expect(v1.digest).not.toBe(v2.digest)
  })

  it('names an unknown digest and an unknown tag with IMAGE_NOT_FOUND', async () => {
    const unknown = `${v1.repository}@sha256:${'0'.repeat(64)}`
    await expect(resolveManifestDigest(unknown, { credentials: credentials() })).rejects.toMatchObject({ code: 'IMAGE_NOT_FOUND', message: expect.stringContaining(unknown) as unknown })
    await expect(resolveManifestDigest(`${v1.repository}:nope`, { credentials: credentials() })).rejects.toMatchObject({ code: 'IMAGE_NOT_FOUND' })
  })

  it('refuses wrong or missing credentials with REGISTRY_AUTH_FAILED and never repeats the password', async () => {
    const wrong = await resolveManifestDigest(v1.tagged, { credentials: { username: registry.user, password: 'not-the-password-123' } }).catch((error: unknown) => error)
    expect(wrong).toMatchObject({ code: 'REGISTRY_AUTH_FAILED' })
    expect(JSON.stringify(wrong) + String(wrong)).not.toContain('not-the-password-123')
    await expect(resolveManifestDigest(v1.tagged, { credentials: null })).rejects.toMatchObject({ code: 'REGISTRY_AUTH_FAILED' })
  })

  it('says REGISTRY_UNAVAILABLE when nothing answers', async () => {
    const port = await freePort()
    await expect(resolveManifestDigest(`127.0.0.1:${port}/acme/api:v1`, { credentials: credentials() })).rejects.toMatchObject({
      code: 'REGISTRY_UNAVAILABLE',
      message: expect.stringContaining(`127.0.0.1:${port}`) as unknown,
    })
  })

  it('refuses references that are not images before asking anyone', async () => {
    for (const bad of ['Acme/API:v1', `${v1.repository}`, `${v1.repository}@sha256:abc`, `${v1.repository}:v1:v2`])
      await expect(resolveManifestDigest(bad, { credentials: null })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
  })
})
