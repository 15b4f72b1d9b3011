import { isFreezeActive } from '../core/gates/freeze-gate.ts'
import type { Freeze, StoreReader } from '../core/store.ts'

/** The environment's freeze if it is still in force (an expired one counts as lifted). */
export const activeFreeze = async (store: StoreReader, environment: string, now: Date): Promise<Freeze | null> => {
  const freeze = await store.getFreeze(environment)
  if (!freeze) return null
  const fact = { by: freeze.by, reason: freeze.reason, expiresAt: freeze.expiresAt === null ? null : Date.parse(freeze.expiresAt) }
  return isFreezeActive(fact, now.getTime()) ? freeze : null
}
