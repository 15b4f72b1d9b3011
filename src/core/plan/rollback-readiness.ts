/**
 * Rollback readiness: would a rollback work right now? A pure judgement over what the ledger says
 * (which release a rollback returns to, whether it is quarantined) and what the driver says about
 * that release on every target (present and intact, reachable).
 */
import { describeRelease } from '../release/release.ts'

/** One target's answer for one release, as a driver gives it. */
export type TargetReleaseState = 'verified' | 'missing' | 'damaged' | 'unreachable'

export interface TargetReleaseCheck {
  readonly target: string
  readonly state: TargetReleaseState
  /** What was found, in words (the file that differs, the connection error). */
  readonly message: string
}

/** What a driver answered about one release; `targets: null` when the driver cannot tell. */
export interface TargetProbe {
  readonly releaseId: number
  readonly driver: string
  readonly targets: readonly TargetReleaseCheck[] | null
}

export type ReadinessCheckName = 'previous' | 'quarantine' | 'targets' | 'reachable'
export type ReadinessVerdict = 'pass' | 'fail' | 'unknown'

export interface ReadinessCheck {
  readonly check: ReadinessCheckName
  readonly verdict: ReadinessVerdict
  readonly message: string
}

export interface ReadinessRelease {
  readonly id: number
  readonly version: string
  readonly digest: string
}

export interface RollbackReadiness {
  readonly service: string
  readonly environment: string
  /** Every check passed. An unknown answer is not ready: deny by default. */
  readonly ready: boolean
  /** The release a rollback returns to, when there is one. */
  readonly release: ReadinessRelease | null
  readonly checks: readonly ReadinessCheck[]
  /** Each target's answer; empty when the targets were not asked. */
  readonly targets: readonly TargetReleaseCheck[]
}

export interface ReadinessFacts {
  readonly service: string
  readonly environment: string
  readonly release: ReadinessRelease | null
  readonly quarantine: { readonly by: string; readonly reason: string } | null
  /** Null when the targets were not asked (then only the ledger's part is judged). */
  readonly probe: TargetProbe | null
}

const listed = (checks: readonly TargetReleaseCheck[]): string =>
  checks
    .slice(0, 5)
    .map((check) => `${check.target}: ${check.message}`)
    .join('; ')

const targetChecks = (release: ReadinessRelease, probe: TargetProbe): ReadinessCheck[] => {
  if (probe.releaseId !== release.id) return []
  if (probe.targets === null) {
    const message = `the ${probe.driver} driver cannot tell whether ${describeRelease(release)} is still on its targets`
    return [
      { check: 'targets', verdict: 'unknown', message },
      { check: 'reachable', verdict: 'unknown', message },
    ]
  }
  const unreachable = probe.targets.filter((check) => check.state === 'unreachable')
  const absent = probe.targets.filter((check) => check.state === 'missing' || check.state === 'damaged')
  const reached = probe.targets.length - unreachable.length
  return [
    unreachable.length > 0
      ? { check: 'reachable', verdict: 'fail', message: `${unreachable.length} of ${probe.targets.length} targets unreachable: ${listed(unreachable)}` }
      : { check: 'reachable', verdict: 'pass', message: `the ${probe.driver} driver reached all ${probe.targets.length} targets` },
    absent.length > 0
      ? { check: 'targets', verdict: 'fail', message: `${describeRelease(release)} is not intact on ${absent.length} of ${probe.targets.length} targets: ${listed(absent)}` }
      : unreachable.length > 0
        ? { check: 'targets', verdict: 'unknown', message: `${describeRelease(release)} verified on ${reached} of ${probe.targets.length} targets; the others could not be asked` }
        : { check: 'targets', verdict: 'pass', message: `${describeRelease(release)} is on all ${probe.targets.length} targets and matches its manifest` },
  ]
}

/** Judges the facts: the release to return to is known, not quarantined, and intact on every reachable target. */
export const assessRollbackReadiness = (facts: ReadinessFacts): RollbackReadiness => {
  const { service, environment, release } = facts
  const base = { service, environment, release, targets: facts.probe?.targets ?? [] }
  if (release === null) {
    const message = `${service} has no verified release in ${environment} other than the one a rollback would leave`
    return { ...base, ready: false, checks: [{ check: 'previous', verdict: 'fail', message }] }
  }
  const checks: ReadinessCheck[] = [
    { check: 'previous', verdict: 'pass', message: `a rollback returns to ${describeRelease(release)}, verified in ${environment}` },
    facts.quarantine
      ? { check: 'quarantine', verdict: 'fail', message: `${describeRelease(release)} is quarantined by ${facts.quarantine.by}: ${facts.quarantine.reason}` }
      : { check: 'quarantine', verdict: 'pass', message: `${describeRelease(release)} is not quarantined` },
    ...(facts.probe === null ? [] : targetChecks(release, facts.probe)),
  ]
  return { ...base, ready: checks.every((check) => check.verdict === 'pass'), checks }
}

/** The checks that keep a rollback from being ready, in words. */
export const readinessProblems = (readiness: RollbackReadiness): string =>
  readiness.checks
    .filter((check) => check.verdict !== 'pass')
    .map((check) => check.message)
    .join('; ')
