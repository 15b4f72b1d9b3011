import type { AppContext } from '../app/context.ts'
import type { ArtifactSource, Driver } from '../drivers/driver.ts'
import type { EngineObserver } from './events.ts'
import type { Failpoint } from './failpoints.ts'
import type { SecretSource } from './secrets.ts'

/** What the engine needs, handed in by main.ts. */
export interface EngineDeps {
  readonly app: AppContext
  /** The driver for one service in one environment (built from its merged settings). */
  readonly driverFor: (service: string, environment: string) => Driver
  readonly openArtifact: (digest: string) => Promise<ArtifactSource>
  readonly secrets: SecretSource
  /** `host:pid` of this process, recorded on every lease it takes. */
  readonly owner: string
  /** Whether the process that owns a lease is still alive (false only when provably dead). */
  readonly isOwnerAlive: (owner: string) => boolean
  readonly leaseTtlMs: number
  readonly failpoints: ReadonlySet<Failpoint>
  readonly observer: EngineObserver
}
