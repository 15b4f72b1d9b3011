// The real `waka` binary with image releases: Podman (runc, a storage root of its own) and a real
// registry with token auth. One story, step by step: register by tag, deploy to staging, promote
// the same digest to production behind an approval, a failing image rolled back, a manual
// rollback, drift, and each way registration or a pull can fail.
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canaryLeaks } from '../helpers/canary.ts'
import { createWorkspace, freePort, type Workspace } from '../helpers/workspace.ts'
import { createImageBuilder, createPodmanSandbox, type ImageBuilder, type PodmanSandbox, type TestImage } from './podman-kit.ts'
import { startRegistry, type TestRegistry } from './registry-kit.ts'

const CANARY = 'c4n4ry/app-s3cr3t+value=='
const leaksIn = canaryLeaks(CANARY)

const config = (input: { engine: readonly string[]; conf: string; ports: { staging: number; production: number } }) => {
  const driver = (port: number) =>
    `{ type: container, engine: ${JSON.stringify(input.engine)}, engineEnvironment: { CONTAINERS_CONF: ${JSON.stringify(input.conf)} }, port: 8080, hostPort: ${port}, tlsVerify: false, registry: { username: REGISTRY_USER, password: REGISTRY_PASSWORD }, stopTimeout: 2s, startTimeout: 10s }`
  return `version: 1
services:
  api:
    health:
      http: { path: /healthz, expect: { status: 200, version: true }, successes: 1, failures: 1, interval: 100ms, timeout: 3s }
environments:
  staging:
    driver: ${driver(input.ports.staging)}
    secrets: [REGISTRY_USER, REGISTRY_PASSWORD, API_TOKEN]
    rollback: { auto: true }
  production:
    promoteFrom: staging
    gates:
      approvals: { required: 1, from: [user:bob] }
    driver: ${driver(input.ports.production)}
    secrets: [REGISTRY_USER, REGISTRY_PASSWORD, API_TOKEN]
access:
  roles:
    "*": { deployer: [user:alice], approver: [user:bob], viewer: [user:bob] }
`
}

describe('waka with image releases and the container driver (real binary, podman, registry)', () => {
  let workspace: Workspace
  let registry: TestRegistry
  let sandbox: PodmanSandbox
  let builder: ImageBuilder
  const images: Record<string, TestImage> = {}
  const ports = { staging: 0, production: 0 }
  let env: Record<string, string>
  const as = (user: string, extra: Record<string, string> = {}) => ({ env: { ...env, WAKA_USER: user, ...extra }, timeoutMs: 90_000 })
  const served = async (port: number, path = '/version.txt') => (await fetch(`http://127.0.0.1:${port}${path}`)).text().then((text) => text.trim())
  const running = async () =>
    (await sandbox.podman(['ps', '--format', '{{.Names}} {{index .Labels "waka.release.digest"}} {{index .Labels "waka.deployment"}}'])).trim().split('\n').filter(Boolean)

  beforeAll(async () => {
    workspace = await createWorkspace()
    registry = await startRegistry(`${workspace.dir}/registry`)
    sandbox = await createPodmanSandbox(`${workspace.dir}/podman`)
    builder = await createImageBuilder(sandbox, registry, `${workspace.dir}/build`)
    images['v1'] = await builder.build('acme/api', 'v1')
    images['v2'] = await builder.build('acme/api', 'v2')
    images['moved'] = await builder.build('acme/api', 'moved')
    images['v3'] = await builder.build('acme/api', 'v3', { healthy: false })
    images['v4'] = await builder.build('acme/api', 'v4')
    ports.staging = await freePort()
    ports.production = await freePort()
    env = {}
    for (const environment of ['STAGING', 'PRODUCTION'])
      Object.assign(env, {
        [`WAKA_SECRET_${environment}_REGISTRY_USER`]: registry.user,
        [`WAKA_SECRET_${environment}_REGISTRY_PASSWORD`]: registry.password,
        [`WAKA_SECRET_${environment}_API_TOKEN`]: CANARY,
      })
    await workspace.writeConfig(config({ engine: sandbox.engine, conf: sandbox.containersConf, ports }))
  }, 180_000)
  afterAll(async () => {
    await sandbox?.destroy()
    await registry?.stop()
    await workspace?.cleanup()
  })

  it('registers a tag as the digest it names, and deploys that digest to staging with the secret in the container only', async () => {
    const created = await workspace.waka(['release', 'create', 'api', 'v1', '--image', images['v1']?.tagged ?? ''], as('alice'))
    expect(created.code, created.stderr).toBe(0)
    expect(created.stdout.trim()).toBe(images['v1']?.digest)
    expect(created.stderr).toContain(`image ${registry.host}/acme/api`)
    const listed = JSON.parse((await workspace.waka(['release', 'list', 'api', '--json'], as('alice'))).stdout) as { artifact: unknown }[]
    expect(listed[0]?.artifact).toEqual({ kind: 'image', files: 0, bytes: 0, image: { repository: `${registry.host}/acme/api`, platform: null } })

    // watch every process's argv while the deployment runs: the secrets must never show there
    let watching = true
    const seenArgs: string[] = []
    const watcher = (async () => {
      for (let round = 0; watching && round < 2000; round++) {
        seenArgs.push((await promisify(execFile)('ps', ['-eo', 'args'])).stdout)
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    })()
    const deployed = await workspace.waka(['deploy', 'api', 'staging', '--release', 'v1'], as('alice'))
    watching = false
    await watcher
    expect(deployed.code, deployed.stdout + deployed.stderr).toBe(0)
    expect(deployed.stderr).toContain(`pulling ${images['v1']?.pinned ?? ''}`)
    expect(await served(ports.staging)).toBe('v1')
    expect(await served(ports.staging, '/token.sha')).toBe(createHash('sha256').update(CANARY).digest('hex'))
    expect(await running()).toEqual([expect.stringMatching(new RegExp(`^waka-api-staging-v1-\\w{12} ${images['v1']?.digest ?? ''} 1$`))])
    expect(seenArgs.some((args) => args.includes('podman'))).toBe(true)
    for (const args of seenArgs) {
      expect(leaksIn(args)).toEqual([])
      expect(args).not.toContain(registry.password)
    }
    const logs = await workspace.waka(['logs', '1', '--json'], as('alice'))
    expect(leaksIn(logs.stdout + deployed.stdout + deployed.stderr)).toEqual([])
    expect(logs.stdout).not.toContain(registry.password)
  })

  it('deploys the recorded digest after the tag moved, and promotes that same digest to production once approved', async () => {
    expect((await workspace.waka(['release', 'create', 'api', 'v2', '--image', images['v2']?.tagged ?? ''], as('alice'))).code).toBe(0)
    await builder.retag(images['moved'] as TestImage, 'acme/api', 'v2')
    const deployed = await workspace.waka(['deploy', 'api', 'staging', '--release', 'v2'], as('alice'))
    expect(deployed.code, deployed.stdout + deployed.stderr).toBe(0)
    expect(await served(ports.staging)).toBe('v2')

    const promoted = await workspace.waka(['promote', 'api', '--to', 'production', '--yes'], as('alice'))
    expect(promoted.code, promoted.stdout + promoted.stderr).toBe(8)
    expect(await fetch(`http://127.0.0.1:${ports.production}/`).then(() => 'up', () => 'nothing')).toBe('nothing')
    const id = /#(\d+)/.exec(promoted.stdout + promoted.stderr)?.[1] ?? ''
    const approved = await workspace.waka(['approve', id], as('bob'))
    expect(approved.code, approved.stdout + approved.stderr).toBe(0)
    expect(await served(ports.production)).toBe('v2')
    const production = (await running()).find((line) => line.startsWith('waka-api-production-'))
    expect(production).toContain(images['v2']?.digest)
  })

  it('rolls a failing image back to the last verified digest automatically, and rolls back by hand without pulling', async () => {
    expect((await workspace.waka(['release', 'create', 'api', 'v3', '--image', images['v3']?.pinned ?? ''], as('alice'))).code).toBe(0)
    const failed = await workspace.waka(['deploy', 'api', 'staging', '--release', 'v3'], as('alice'))
    expect(failed.code).toBe(1)
    expect(failed.stdout + failed.stderr).toMatch(/rollback/)
    expect(await served(ports.staging)).toBe('v2')

    const rolledBack = await workspace.waka(['rollback', 'api', 'staging', '--reason', 'v2 is slow'], as('alice'))
    expect(rolledBack.code, rolledBack.stdout + rolledBack.stderr).toBe(0)
    expect(await served(ports.staging)).toBe('v1')
    expect(rolledBack.stderr).not.toContain('pulling')
  })

  it('status --hosts reports a container someone started by hand as drift', async () => {
    const agreed = await workspace.waka(['status', 'api', '--hosts'], as('alice'))
    expect(agreed.code, agreed.stdout).toBe(0)
    const names = (await sandbox.podman(['ps', '-a', '--format', '{{.Names}}'])).split('\n')
    const v2 = names.find((name) => name.startsWith('waka-api-staging-v2-')) ?? ''
    const v1 = names.find((name) => name.startsWith('waka-api-staging-v1-')) ?? ''
    await sandbox.podman(['stop', '-t', '1', v1])
    await sandbox.podman(['start', v2])
    const drifted = await workspace.waka(['status', 'api', '--hosts'], as('alice'))
    expect(drifted.code).toBe(1)
    expect(drifted.stdout).toMatch(/podman@localhost v2-\w+ \(DRIFT\)/)
    await sandbox.podman(['stop', '-t', '1', v2])
    await sandbox.podman(['start', v1])
  })

  it('refuses an unknown digest, a registry that is down and wrong credentials with clear codes, registering nothing', async () => {
    const unknown = await workspace.waka(['release', 'create', 'api', 'v9', '--image', `${registry.host}/acme/api@sha256:${'1'.repeat(64)}`, '--json'], as('alice'))
    expect(unknown.code).toBe(1)
    expect(JSON.parse(unknown.stdout)).toMatchObject({ error: { code: 'IMAGE_NOT_FOUND' } })
    const down = await workspace.waka(['release', 'create', 'api', 'v9', '--image', `127.0.0.1:${await freePort()}/acme/api:v1`, '--json'], as('alice'))
    expect(JSON.parse(down.stdout)).toMatchObject({ error: { code: 'REGISTRY_UNAVAILABLE' } })
    const wrong = await workspace.waka(['release', 'create', 'api', 'v9', '--image', images['v4']?.tagged ?? '', '--json'], as('alice', { WAKA_SECRET_STAGING_REGISTRY_PASSWORD: 'wrong-password-42' }))
    expect(JSON.parse(wrong.stdout)).toMatchObject({ error: { code: 'REGISTRY_AUTH_FAILED' } })
    expect(wrong.stdout + wrong.stderr).not.toContain('wrong-password-42')
    const listed = JSON.parse((await workspace.waka(['release', 'list', 'api', '--json'], as('alice'))).stdout) as { version: string }[]
    expect(listed.map((release) => release.version)).not.toContain('v9')
  })

  it('fails a deployment whose pull the registry refuses, changing nothing on the target', async () => {
    expect((await workspace.waka(['release', 'create', 'api', 'v4', '--image', images['v4']?.pinned ?? ''], as('alice'))).code).toBe(0)
    const before = await running()
    const refused = await workspace.waka(['deploy', 'api', 'staging', '--release', 'v4'], as('alice', { WAKA_SECRET_STAGING_REGISTRY_PASSWORD: 'wrong-password-42' }))
    expect(refused.code).toBe(1)
    expect(refused.stdout + refused.stderr).toMatch(/refused to let this host pull/)
    expect(refused.stdout + refused.stderr).not.toContain('wrong-password-42')
    expect(await running()).toEqual(before)
    expect(await served(ports.staging)).toBe('v1')
  })
})
