/**
 * Deploy and rollback time of the container driver next to the floor the same host allows: the
 * plain `podman pull && podman rm -f && podman run` a person would type. Both sides run on real
 * Podman (runc, a storage root each) against one real registry with token auth on 127.0.0.1, and
 * both are timed until the new container accepts connections on its port. Prints a markdown table.
 *
 *   npm run bench:container -- [--samples 5]
 */
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { activateContext, stepContext, type FixtureRelease } from '../../src/drivers/contract/release-fixtures.contract.ts'
import { createContainerDriver } from '../../src/drivers/container/container-driver.ts'
import { imageArtifactSource, releaseDirName } from '../../src/drivers/driver.ts'
import { containerDriverSettings } from '../../src/settings/container-settings.ts'
import { createImageBuilder, createPodmanSandbox, type TestImage } from '../../test/containers/podman-kit.ts'
import { startRegistry } from '../../test/containers/registry-kit.ts'
import { freePort } from '../../test/helpers/workspace.ts'

const samplesArg = process.argv.indexOf('--samples')
const SAMPLES = Math.min(20, Math.max(1, samplesArg === -1 ? 5 : Number(process.argv[samplesArg + 1])))

const accepting = async (port: number): Promise<void> => {
  for (let attempt = 0; attempt < 300; attempt++) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => (socket.destroy(), resolve(true)))
      socket.once('error', () => resolve(false))
    })
    if (ok) return
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error(`nothing accepted connections on ${port}`)
}

const timed = async (work: () => Promise<unknown>): Promise<number> => {
  const started = performance.now()
  await work()
  return (performance.now() - started) / 1000
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

const dir = await mkdtemp(join(tmpdir(), 'waka-bench-container-'))
const registry = await startRegistry(join(dir, 'registry'))
const builderBox = await createPodmanSandbox(join(dir, 'builder'))
const driverBox = await createPodmanSandbox(join(dir, 'driver'))
const floorBox = await createPodmanSandbox(join(dir, 'floor'))
try {
  const builder = await createImageBuilder(builderBox, registry, join(dir, 'build'))
  const images: TestImage[] = []
  for (let index = 0; index <= SAMPLES; index++) images.push(await builder.build('bench/api', `v${index}`))

  const driverPort = await freePort()
  const driver = createContainerDriver(
    containerDriverSettings.parse({
      type: 'container',
      engine: driverBox.engine,
      engineEnvironment: { CONTAINERS_CONF: driverBox.containersConf, REGISTRY_AUTH_FILE: builder.authFile },
      port: 8080,
      hostPort: driverPort,
      tlsVerify: false,
      stopTimeout: '2s',
    }),
    { service: 'api', environment: 'bench', configDir: dir, stateDir: join(dir, 'state') },
  )
  const fixture = (image: TestImage, index: number): FixtureRelease => ({
    release: { id: index + 1, version: `v${index}`, digest: image.digest, dirName: releaseDirName(`v${index}`, image.digest), image: image.pinned },
    artifact: imageArtifactSource(image.digest),
    tamper: () => Promise.resolve(),
  })
  const releases = images.map(fixture)
  const driverDeploy = async (to: FixtureRelease, from: FixtureRelease | null) => {
    await driver.prepare(stepContext(to))
    await driver.activate(activateContext(to, from))
  }

  const floorPort = await freePort()
  const floorEnv = { ...process.env, CONTAINERS_CONF: floorBox.containersConf, REGISTRY_AUTH_FILE: builder.authFile }
  const podman = (args: readonly string[]) => promisify(execFile)('podman', [...floorBox.engine.slice(1), ...args], { env: floorEnv })
  const floorDeploy = async (image: TestImage) => {
    await podman(['pull', '--quiet', '--tls-verify=false', image.pinned])
    await podman(['rm', '-f', '-t', '2', 'api'])
    await podman(['run', '-d', '--name', 'api', '-p', `127.0.0.1:${floorPort}:8080`, image.pinned])
    await accepting(floorPort)
  }

  const results = { driverDeploy: [] as number[], floorDeploy: [] as number[], driverRollback: [] as number[], floorRollback: [] as number[] }
  await driverDeploy(releases[0] as FixtureRelease, null)
  await floorDeploy(images[0] as TestImage)
  for (let index = 1; index <= SAMPLES; index++) {
    const to = releases[index] as FixtureRelease
    const from = releases[index - 1] as FixtureRelease
    results.driverDeploy.push(await timed(() => driverDeploy(to, from)))
    results.floorDeploy.push(await timed(() => floorDeploy(images[index] as TestImage)))
    results.driverRollback.push(await timed(() => driverDeploy(from, to)))
    results.floorRollback.push(await timed(() => floorDeploy(images[index - 1] as TestImage)))
    // forward again, so the next sample starts from the newest release on both sides
    await driverDeploy(to, from)
    await floorDeploy(images[index] as TestImage)
  }
  const row = (what: string, ours: readonly number[], floor: readonly number[]) =>
    `| ${what} | ${median(ours).toFixed(2)} (${Math.min(...ours).toFixed(2)}–${Math.max(...ours).toFixed(2)}) | ${median(floor).toFixed(2)} (${Math.min(...floor).toFixed(2)}–${Math.max(...floor).toFixed(2)}) | ${(median(ours) / median(floor)).toFixed(2)}× |`
  const ratio = median(results.driverRollback) / median(results.floorRollback)
  console.log(`container driver vs podman floor, ${SAMPLES} samples each, seconds: median (min–max)\n`)
  console.log('| step | container driver (prepare + activate) | floor: pull && rm -f && run | ratio |')
  console.log('|---|---|---|---|')
  console.log(row('deploy a new image (pull needed)', results.driverDeploy, results.floorDeploy))
  console.log(row('rollback to a still-pulled image', results.driverRollback, results.floorRollback))
  console.log(`\ntarget: rollback ≤ 1.2 × floor — ${ratio <= 1.2 ? 'met' : 'MISSED'} (${ratio.toFixed(2)}×)`)
  await driver.stop?.()
} finally {
  await driverBox.destroy()
  await floorBox.destroy()
  await builderBox.destroy()
  await registry.stop()
  await rm(dir, { recursive: true, force: true })
}
