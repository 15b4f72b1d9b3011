import { readinessProblems, type RollbackReadiness } from '../plan/rollback-readiness.ts'
import { block, pass, type GateCheck } from './gate.ts'

/**
 * `gates.rollbackReady`: the deployment runs only if, should it fail, going back would work. Null
 * readiness means the environment does not ask for it.
 */
export const checkRollbackReady = (readiness: RollbackReadiness | null): GateCheck => {
  if (readiness === null) return pass('rollbackReady', 'rollback readiness is not required here')
  if (!readiness.ready) return block('rollbackReady', `a rollback would not work: ${readinessProblems(readiness)}`)
  const to = readiness.release ? `${readiness.release.version}` : 'nothing (nothing is live yet)'
  return pass('rollbackReady', `a rollback would work (to ${to})`)
}
