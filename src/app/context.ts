import type { ArtifactIngest } from '../core/artifact-store.ts'
import type { ResolveImage } from '../core/image-registry.ts'
import type { HashText } from '../core/audit/audit-chain.ts'
import type { WakaPolicy } from '../core/policy.ts'
import type { TargetProbe } from '../core/plan/rollback-readiness.ts'
import type { Release } from '../core/release/release.ts'
import type { Clock, Store } from '../core/store.ts'

/** What every use case gets: the ledger, a clock, the loaded policy and a hash function. */
export interface AppContext {
  readonly store: Store
  readonly clock: Clock
  readonly policy: WakaPolicy
  readonly artifacts: ArtifactIngest
  /** Resolves image references against their registry; absent where no registry is reachable. */
  readonly resolveImage?: ResolveImage
  /** sha256, hex */
  readonly hash: HashText
  /** What a target's hosts run, per its driver (for drift); absent where drivers are out of reach. */
  readonly inspectTargets?: InspectTargets
  /** Whether a release is still intact on every target, per its driver (rollback readiness); absent where drivers are out of reach. */
  readonly checkRelease?: CheckRelease
}

export type CheckRelease = (input: {
  readonly service: string
  readonly environment: string
  readonly release: Release
  readonly signal: AbortSignal
}) => Promise<TargetProbe>

/** One host of a target as its driver reports it; `drift` when it runs other than `expected`. */
export interface HostLive {
  readonly target: string
  readonly live: string | null
  readonly error: string | null
  readonly drift: boolean
}

export type InspectTargets = (input: {
  readonly service: string
  readonly environment: string
  /** The release the ledger says is live, or null when none is. */
  readonly expected: { readonly version: string; readonly digest: string } | null
  readonly signal: AbortSignal
}) => Promise<readonly HostLive[]>

/** Actors Waka itself acts as, for the audit log. */
export const SYSTEM_ACTORS = {
  engine: 'waka:engine',
  reconciler: 'waka:reconciler',
} as const
