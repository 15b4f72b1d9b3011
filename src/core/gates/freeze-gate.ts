import type { DeploymentKind } from '../deployment/deployment.ts'
import { block, pass, type GateCheck } from './gate.ts'

export interface FreezeFact {
  readonly by: string
  readonly reason: string
  /** ms since epoch, or null for "until lifted" */
  readonly expiresAt: number | null
}

export const isFreezeActive = (freeze: FreezeFact | null, now: number): freeze is FreezeFact =>
  freeze !== null && (freeze.expiresAt === null || freeze.expiresAt > now)

/** A freeze blocks every deployment into the environment except rollbacks. */
export const checkFreeze = (
  environment: string,
  kind: DeploymentKind,
  freeze: FreezeFact | null,
  now: number,
): GateCheck => {
  if (!isFreezeActive(freeze, now)) return pass('freeze', `${environment} is not frozen`)
  const until = freeze.expiresAt === null ? 'until unfrozen' : `until ${new Date(freeze.expiresAt).toISOString()}`
  if (kind === 'rollback') return pass('freeze', `${environment} is frozen, but rollbacks pass a freeze`)
  return block('freeze', `${environment} is frozen by ${freeze.by} ${until}: ${freeze.reason}`)
}
