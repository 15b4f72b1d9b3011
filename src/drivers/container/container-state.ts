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

/** Every container of the scope, running or not. */
export const listReleaseContainers = async (engine: EngineCli, scope: ContainerScope, signal?: AbortSignal): Promise<ReleaseContainer[]> => {
  const filters = [`label=${LABELS.service}=${scope.service}`, `label=${LABELS.environment}=${scope.environment}`].flatMap((filter) => ['--filter', filter])
  const ids = (await engine.check('listing the containers', ['ps', '-a', '-q', '--no-trunc', ...filters], { signal })).filter((id) => id.trim() !== '')
  if (ids.length === 0) return []
  const lines = await engine.check('inspecting the containers', ['container', 'inspect', '--format', FORMAT, ...ids], { signal })
  return lines
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [name = '', running = '', dirName = '', digest = '', image = ''] = line.split('\t')
      return { name: name.replace(/^\//, ''), running: running === 'true', dirName, digest, image }
    })
}

/** Whether the engine holds the image already (then prepare pulls nothing). */
export const hasImage = async (engine: EngineCli, image: string, signal?: AbortSignal): Promise<boolean> =>
  (await engine.run(['image', 'inspect', '--format', '{{.Id}}', image], { signal, timeoutMs: 60_000 })).exitCode === 0

/** Where the engine published the container's port, e.g. `127.0.0.1:41234`. */
export const publishedAddress = async (engine: EngineCli, name: string, port: number, signal?: AbortSignal): Promise<string | null> => {
  const lines = await engine.check(`reading the published port of ${name}`, ['port', name, `${port}/tcp`], { signal })
  const first = lines.find((line) => line.trim() !== '')?.trim() ?? null
  return first === null ? null : first.replace(/^0\.0\.0\.0:/, '127.0.0.1:')
}
