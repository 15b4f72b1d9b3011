/**
 * Layering of per-target settings. For each service × environment the layers are, from weakest to
 * strongest: `environments.<e>`, `services.<s>`, `services.<s>.environments.<e>`. Driver settings,
 * variables and `health.http` merge key by key; secrets are the union of all layers.
 */
import type { WrittenHttpCheck } from './health-schema.ts'
import type { KeyPath } from './problems.ts'
import type { WrittenConfig } from './schema.ts'

interface LayerSettings {
  readonly driver?: Readonly<Record<string, unknown>> | undefined
  readonly variables?: Readonly<Record<string, string>> | undefined
  readonly secrets?: readonly string[] | undefined
  readonly health?: { readonly http: WrittenHttpCheck } | undefined
}

/** One layer: where it is written and what it sets (undefined when the file does not have it). */
export interface Layer {
  readonly path: KeyPath
  readonly settings: LayerSettings | undefined
}

/** `record[key]` when it is the record's own key (never something inherited, like `constructor`). */
export const own = <T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined =>
  record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined

/** The layers of one service × environment target, weakest first. */
export const targetLayers = (config: WrittenConfig, service: string, environment: string): Layer[] => [
  { path: ['environments', environment], settings: own(config.environments, environment) },
  { path: ['services', service], settings: own(config.services, service) },
  {
    path: ['services', service, 'environments', environment],
    settings: own(own(config.services, service)?.environments, environment),
  },
]

/** Merged driver settings, with the `driver` path of the layer that set each key. */
export interface MergedDriver {
  readonly settings: Readonly<Record<string, unknown>>
  readonly origin: ReadonlyMap<string, KeyPath>
  /** The `driver` paths of the layers that have one, weakest first. */
  readonly written: readonly KeyPath[]
}

export const mergeDriver = (layers: readonly Layer[]): MergedDriver => {
  let settings: Record<string, unknown> = {}
  const origin = new Map<string, KeyPath>()
  const written: KeyPath[] = []
  for (const layer of layers) {
    const driver = layer.settings?.driver
    if (!driver) continue
    const path = [...layer.path, 'driver']
    written.push(path)
    settings = { ...settings, ...driver }
    for (const key of Object.keys(driver)) origin.set(key, path)
  }
  return { settings, origin, written }
}

export const mergeVariables = (layers: readonly Layer[]): Record<string, string> =>
  Object.fromEntries(layers.flatMap((layer) => Object.entries(layer.settings?.variables ?? {})))

/** Secret names of every layer, sorted, each once. */
export const mergeSecrets = (layers: readonly Layer[]): string[] =>
  [...new Set(layers.flatMap((layer) => layer.settings?.secrets ?? []))].sort()

/** The merged HTTP check and the `health.http` path of the strongest layer that has one; null when none has. */
export const mergeHealth = (layers: readonly Layer[]): { http: WrittenHttpCheck; path: KeyPath } | null => {
  let http: WrittenHttpCheck | null = null
  let path: KeyPath = []
  for (const layer of layers) {
    const layerHttp = layer.settings?.health?.http
    if (!layerHttp) continue
    http = { ...(http ?? {}), ...layerHttp }
    path = [...layer.path, 'health', 'http']
  }
  return http && { http, path }
}
