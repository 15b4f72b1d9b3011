/**
 * The `container` driver: one container per release of a service in an environment, on this
 * machine's Podman or Docker. Prepare pulls the image by digest and creates the container (nothing
 * starts); activate starts it next to the old one — or, on a fixed host port, after stopping the
 * old one — and stops the rest. Rolling back starts a container whose image is still here.
 */
import { join, resolve } from 'node:path'
import { parseDuration } from '../../core/duration.ts'
import { WakaError } from '../../core/errors.ts'
import { DriverFailure, type Driver, type DriverScope, type Target } from '../driver.ts'
import { activationOrder, compactActivations, recordActivation } from '../releases/activations.ts'
import { fenceEpoch } from '../releases/epoch-fence.ts'
import type { ContainerDriverSettings } from '../../settings/container-settings.ts'
import { containerName, containerNames, containerRunning, listReleaseContainers } from './container-state.ts'
import { createEngineCli } from './engine-cli.ts'
import { prepareContainer } from './prepare-container.ts'
import { startContainer } from './start-container.ts'

const DEFAULT_STOP_MS = 10_000
const DEFAULT_START_MS = 30_000

export const createContainerDriver = (settings: ContainerDriverSettings, scope: DriverScope): Driver => {
  const workdir = settings.workdir ? resolve(scope.configDir, settings.workdir) : join(scope.stateDir, 'work', scope.service, scope.environment)
  const epochPath = join(workdir, '.waka-epoch')
  const activationsPath = join(workdir, 'activations.log')
  const stopSeconds = String(Math.ceil((parseDuration(settings.stopTimeout ?? '') ?? DEFAULT_STOP_MS) / 1000))
  const startTimeoutMs = parseDuration(settings.startTimeout ?? '') ?? DEFAULT_START_MS
  const engineEnv = Object.fromEntries(
    Object.entries(settings.engineEnvironment ?? {}).map(([name, value]) => [name, name === 'CONTAINERS_CONF' ? resolve(scope.configDir, value) : value]),
  )
  let secrets: Readonly<Record<string, string>> = {}
  const engine = createEngineCli({ argv: settings.engine, env: engineEnv, cwd: scope.configDir, secrets: () => secrets })
  const targetId = `${engine.flavour}@localhost`
  const healthHost = settings.bind === '0.0.0.0' || settings.bind === '::' ? '127.0.0.1' : settings.bind
  let address: string | null = settings.hostPort === undefined ? null : `${healthHost.includes(':') ? `[${healthHost}]` : healthHost}:${settings.hostPort}`
  const fence = (epoch: number) => fenceEpoch(epochPath, epoch, targetId)
  const stop = (name: string, signal?: AbortSignal) => engine.check(`stopping ${name}`, ['stop', '-t', stopSeconds, name], signal ? { signal } : {})

  const driver: Driver = {
    type: 'container',
    targets: (): readonly Target[] => [{ id: targetId, httpBase: address === null ? null : `http://${address.replace(/^0\.0\.0\.0:/, '127.0.0.1:')}` }],

    async prepare(context) {
      secrets = context.secrets
      await fence(context.epoch)
      await prepareContainer({ engine, settings, scope, context, keyPath: join(workdir, '.waka-config-key') })
    },

    async activate(context) {
      secrets = context.secrets
      await fence(context.epoch)
      const name = containerName(scope, context.release)
      const { all, running } = await containerNames(engine, scope, context.signal)
      if (!all.includes(name)) throw new DriverFailure('DRIVER_FAILED', `${context.release.dirName} is not prepared on ${targetId}: no container ${name}`)
      const others = running.filter((other) => other !== name)
      const fixedPort = settings.hostPort !== undefined
      const fixedAddress = fixedPort ? address : null
      const start = (which: string) => startContainer({ engine, name: which, port: settings.port, address: fixedAddress, startTimeoutMs, secrets, signal: context.signal })
      if (!running.includes(name)) {
        if (fixedPort) for (const other of others) await stop(other, context.signal)
        try {
          address = await start(name)
        } catch (error) {
          await engine.run(['stop', '-t', stopSeconds, name]).catch(() => undefined)
          if (!fixedPort) throw withNote(error, `${others.join(', ') || 'nothing'} still runs`)
          const previous = context.previous ? containerName(scope, context.previous) : null
          if (previous !== null && previous !== name && (await containerRunning(engine, previous)) !== null) {
            address = await start(previous)
            throw withNote(error, `${context.previous?.dirName ?? previous} is live again`)
          }
          throw error
        }
        context.log.info(`${targetId}: ${name} started, serving on ${address}`, 'container')
      }
      if (!fixedPort) for (const other of others) await stop(other, context.signal)
      if (others.length > 0) context.log.info(`${targetId}: stopped ${others.join(', ')}`, 'container')
      await recordActivation(activationsPath, context.release.dirName, context.epoch)
    },

    async inspect(signal) {
      try {
        const containers = await listReleaseContainers(engine, scope, signal)
        const order = await activationOrder(activationsPath)
        const running = containers.filter((container) => container.running)
        running.sort((a, b) => rank(order, a.dirName) - rank(order, b.dirName))
        const live = running[0] ?? null
        return [{ target: targetId, live: live?.dirName ?? null, releases: containers.map((container) => container.dirName), running: live !== null, error: null }]
      } catch (error) {
        return [{ target: targetId, live: null, releases: [], running: null, error: (error as Error).message }]
      }
    },

    async cleanup(context) {
      await fence(context.epoch)
      const containers = await listReleaseContainers(engine, scope, context.signal)
      const order = await activationOrder(activationsPath)
      const kept = new Set([...context.keep, ...order.slice(0, context.keepReleases), ...containers.filter((c) => c.running).map((c) => c.dirName)])
      const removed = containers.filter((container) => !kept.has(container.dirName))
      for (const container of removed) {
        await engine.check(`removing ${container.name}`, ['rm', '-f', container.name], { signal: context.signal })
        const stillUsed = containers.some((other) => kept.has(other.dirName) && other.image === container.image)
        // another environment on this host may use the same image: then the engine refuses, which is fine
        if (!stillUsed && container.image !== '') await engine.run(['image', 'rm', container.image], { signal: context.signal })
      }
      if (removed.length > 0) context.log.info(`${targetId}: removed ${removed.map((container) => container.dirName).join(', ')} and their images`, 'container')
      await compactActivations(activationsPath, new Set(containers.filter((container) => kept.has(container.dirName)).map((container) => container.dirName)))
    },

    async stop() {
      for (const container of await listReleaseContainers(engine, scope)) await engine.run(['rm', '-f', '-t', '0', container.name])
    },
  }
  return driver
}

const rank = (order: readonly string[], dirName: string): number => {
  const index = order.indexOf(dirName)
  return index === -1 ? order.length : index
}

const withNote = (error: unknown, note: string): unknown =>
  error instanceof WakaError ? new DriverFailure(error.code === 'TIMEOUT' ? 'TIMEOUT' : 'DRIVER_FAILED', `${error.message}; ${note}`) : error
