// The container driver against real Podman (runc, a storage root of its own) and a real registry
// with token auth: the whole driver contract, with image releases.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { runDriverContract } from '../../src/drivers/driver.contract.ts'
import { createContainerDriver } from '../../src/drivers/container/container-driver.ts'
import { containerDriverSettings } from '../../src/settings/container-settings.ts'
import { imageFixtures } from './image-fixtures.ts'
import { createImageBuilder, createPodmanSandbox, type ImageBuilder, type PodmanSandbox } from './podman-kit.ts'
import { startRegistry, type TestRegistry } from './registry-kit.ts'

let dir: string
let registry: TestRegistry
let builder: ImageBuilder
let builderSandbox: PodmanSandbox

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'waka-container-driver-'))
  registry = await startRegistry(join(dir, 'registry'))
  builderSandbox = await createPodmanSandbox(join(dir, 'builder'))
  builder = await createImageBuilder(builderSandbox, registry, join(dir, 'build'))
}, 120_000)
afterAll(async () => {
  await builderSandbox?.destroy()
  await registry?.stop()
  await rm(dir, { recursive: true, force: true })
})

runDriverContract({
  name: 'container (podman)',
  fixtures: () => imageFixtures(registry, builder, ['v1', 'v2', 'v3', 'v4']),
  setup: async (targets) => {
    const sandbox = await createPodmanSandbox(join(targets, 'podman'))
    const settings = containerDriverSettings.parse({
      type: 'container',
      engine: sandbox.engine,
      // host-level credentials, as an operator may keep them (the contract hands the driver no secrets)
      engineEnvironment: { CONTAINERS_CONF: sandbox.containersConf, REGISTRY_AUTH_FILE: builder.authFile },
      port: 8080,
      tlsVerify: false,
      stopTimeout: '2s',
    })
    const driver = createContainerDriver(settings, { service: 'api', environment: 'staging', configDir: targets, stateDir: join(targets, 'state') })
    return { driver, teardown: () => sandbox.destroy() }
  },
})
