import type { ArtifactIngest } from '../core/artifact-store.ts'
import type { HashText } from '../core/audit/audit-chain.ts'
import type { WakaPolicy } from '../core/policy.ts'
import type { Clock, Store } from '../core/store.ts'

/** What every use case gets: the ledger, a clock, the loaded policy and a hash function. */
export interface AppContext {
  readonly store: Store
  readonly clock: Clock
  readonly policy: WakaPolicy
  readonly artifacts: ArtifactIngest
  /** sha256, hex */
  readonly hash: HashText
}

/** Actors Waka itself acts as, for the audit log. */
export const SYSTEM_ACTORS = {
  engine: 'waka:engine',
  reconciler: 'waka:reconciler',
} as const
