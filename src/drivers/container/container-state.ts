/**
 * What the engine holds for one service in one environment: its containers, found by their labels,
 * one per prepared release. Labels name the service, environment, release and deployment, so the
 * engine itself says what runs (drift shows without asking Waka's files).
 */
import type { DriverRelease } from '../driver.ts'
import type { EngineCli } from './engine-cli.ts'

export const LABELS = {
  service: 'waka.service',
  environment: 'waka.environment',
  digest: 'waka.release.digest',
  version: 'waka.release.version',
  dir: 'waka.release.dir',
  image: 'waka.image',
  deployment: 'waka.deployment',
  fingerprint: 'waka.config',
} as const

export interface ReleaseContainer {
  readonly name: string
  readonly running: boolean
  readonly dirName: string
  readonly digest: string
  readonly image: string
}

export interface ContainerScope {
  readonly service: string
  readonly environment: string
}

/** `waka-api-production-v7-0123456789ab`: one container per release; `+` is not allowed in names. */
export const containerName = (scope: ContainerScope, release: Pick<DriverRelease, 'dirName'>): string =>
  `waka-${scope.service}-${scope.environment}-${release.dirName}`.replace(/[^a-zA-Z0-9_.-]/g, '_')

export const labelArgs = (scope: ContainerScope, release: DriverRelease, image: string, deploymentId: number | undefined): string[] =>
  Object.entries({
    [LABELS.service]: scope.service,
    [LABELS.environment]: scope.environment,
    [LABELS.digest]: release.digest,
    [LABELS.version]: release.version,
    [LABELS.dir]: release.dirName,
    [LABELS.image]: image,
    ...(deploymentId === undefined ? {} : { [LABELS.deployment]: String(deploymentId) }),
  }).flatMap(([key, value]) => ['--label', `${key}=${value}`])

const FORMAT = ['{{.Name}}', '{{.State.Running}}', ...[LABELS.dir, LABELS.digest, LABELS.image].map((label) => `{{index .Config.Labels "${label}"}}`)].join('\t')

const scopeFilters = (scope: ContainerScope): string[] =>
  [`label=${LABELS.service}=${scope.service}`, `label=${LABELS.environment}=${scope.environment}`].flatMap((filter) => ['--filter', filter])

/** The scope's container names and whether each runs, in one engine call (activation is on the clock). */
export const containerNames = async (engine: EngineCli, scope: ContainerScope, signal?: AbortSignal): Promise<{ all: string[]; running: string[] }> => {
  const lines = await engine.check('listing the containers', ['ps', '-a', ...scopeFilters(scope), '--format', '{{.Names}}\t{{.State}}'], { signal })
  const rows = lines.filter((line) => line.trim() !== '').map((line) => line.trim().split('\t'))
  return { all: rows.map(([name = '']) => name), running: rows.filter(([, state = '']) => state.toLowerCase().startsWith('running') || state.toLowerCase().startsWith('up')).map(([name = '']) => name) }
}

/** Every container of the scope, running or not. */
export const listReleaseContainers = async (engine: EngineCli, scope: ContainerScope, signal?: AbortSignal): Promise<ReleaseContainer[]> => {
  const ids = (await engine.check('listing the containers', ['ps', '-a', '-q', '--no-trunc', ...scopeFilters(scope)], { signal })).filter((id) => id.trim() !== '')
  if (ids.length === 0) return []
  const lines = await engine.check('inspecting the containers', ['container', 'inspect', '--format', FORMAT, ...ids], { signal })
  return lines
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [name = '', running = '', dirName = '', digest = '', image = ''] = line.split('\t')
      return { name: name.replace(/^\//, ''), running: running === 'true', dirName, digest, image }
    })
}

/** Whether the container runs, and the configuration fingerprint it was created with; null when there is no such container. */
export const containerStatus = async (engine: EngineCli, name: string, signal?: AbortSignal): Promise<{ running: boolean; fingerprint: string } | null> => {
  const format = `{{.State.Running}}\t{{index .Config.Labels "${LABELS.fingerprint}"}}`
  const result = await engine.run(['container', 'inspect', '--format', format, name], { signal, timeoutMs: 60_000 })
  if (result.exitCode !== 0) return null
  const [running = '', fingerprint = ''] = (result.stdout[0] ?? '').trim().split('\t')
  return { running: running === 'true', fingerprint }
}

export const containerRunning = async (engine: EngineCli, name: string, signal?: AbortSignal): Promise<boolean | null> =>
  (await containerStatus(engine, name, signal))?.running ?? null

/** Where the engine published the container's port, e.g. `127.0.0.1:41234`. */
export const publishedAddress = async (engine: EngineCli, name: string, port: number, signal?: AbortSignal): Promise<string | null> => {
  const lines = await engine.check(`reading the published port of ${name}`, ['port', name, `${port}/tcp`], { signal })
  const first = lines.find((line) => line.trim() !== '')?.trim() ?? null
  return first === null ? null : first.replace(/^0\.0\.0\.0:/, '127.0.0.1:')
}
