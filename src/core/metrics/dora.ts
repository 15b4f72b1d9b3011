import { classifyOutcomes, type Classified, type FailureReason } from './classify.ts'
import { isChange, type DeploymentOutcome } from './deployment-outcome.ts'
import { isoWeekOf, isoWeeksBetween } from './iso-week.ts'

export interface DurationStat {
  /** How many durations there are. */
  readonly count: number
  /** The middle one (the mean of the two middle ones for an even count); null when there are none. */
  readonly medianMs: number | null
}

/** The DORA metrics over one stretch of time (a week, or the whole window). */
export interface DoraFigures {
  /** Deployment frequency: change deployments (deploy, promotion) that succeeded. */
  readonly deployments: number
  /** Change deployments that finished: succeeded, failed or interrupted. */
  readonly changes: number
  /** Of those, how many failed (see FailureReason). */
  readonly failures: number
  /** failures / changes; null without changes. */
  readonly changeFailureRate: number | null
  /** Change lead time: commit → the release's first success in the environment. */
  readonly leadTime: DurationStat & { readonly withoutCommitTime: number }
  /** Failed-deployment recovery time: the failed deployment's end → the next success there. */
  readonly recovery: DurationStat & { readonly unrecovered: number }
  /** Rework rate: unplanned deployments (rollbacks, changes made while a failure was open) / all finished deployments. */
  readonly rework: { readonly deployments: number; readonly rework: number; readonly rate: number | null }
}

export interface DoraWeek extends DoraFigures {
  /** `2026-W09` (ISO week, UTC) */
  readonly week: string
  readonly start: string
}

export interface DoraFailure {
  readonly deploymentId: number
  readonly service: string
  readonly environment: string
  readonly reason: FailureReason
  readonly finishedAt: string
  readonly recoveredBy: number | null
  readonly recoveryMs: number | null
}

export interface DoraReport {
  readonly since: string
  readonly until: string
  readonly environments: readonly string[]
  readonly service: string | null
  readonly totals: DoraFigures & { readonly deploymentsPerWeek: number }
  readonly weeks: readonly DoraWeek[]
  readonly failures: readonly DoraFailure[]
}

export const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[middle] ?? null) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

const ms = (iso: string): number => Date.parse(iso)
const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole)

/** Lead time counts each release once per environment: at its first success there. */
const leadTimeRows = (rows: readonly Classified[]): Set<Classified> => {
  const seen = new Set<string>()
  const counted = new Set<Classified>()
  const successes = rows.filter((row) => isChange(row.outcome) && row.outcome.status === 'succeeded' && !row.outcome.succeededBefore)
  for (const row of successes.sort((a, b) => ms(a.outcome.finishedAt) - ms(b.outcome.finishedAt) || a.outcome.id - b.outcome.id)) {
    const key = `${row.outcome.environment}\u0000${row.outcome.releaseId}`
    if (seen.has(key)) continue
    seen.add(key)
    counted.add(row)
  }
  return counted
}

const figures = (rows: readonly Classified[], leadCounted: ReadonlySet<Classified>): DoraFigures => {
  const changes = rows.filter((row) => isChange(row.outcome))
  const failed = changes.filter((row) => row.failure !== null)
  const lead = rows.filter((row) => leadCounted.has(row))
  const leadMs = lead.flatMap(({ outcome }) => (outcome.committedAt === null ? [] : [Math.max(0, ms(outcome.finishedAt) - ms(outcome.committedAt))]))
  const recoveryMs = failed.flatMap(({ outcome, failure }) => (failure?.recoveredBy ? [ms(failure.recoveredBy.finishedAt) - ms(outcome.finishedAt)] : []))
  const rework = rows.filter((row) => row.rework).length
  return {
    deployments: changes.filter((row) => row.outcome.status === 'succeeded').length,
    changes: changes.length,
    failures: failed.length,
    changeFailureRate: ratio(failed.length, changes.length),
    leadTime: { count: leadMs.length, medianMs: median(leadMs), withoutCommitTime: lead.length - leadMs.length },
    recovery: { count: recoveryMs.length, medianMs: median(recoveryMs), unrecovered: failed.length - recoveryMs.length },
    rework: { deployments: rows.length, rework, rate: ratio(rework, rows.length) },
  }
}

export interface DoraWindow {
  readonly sinceMs: number
  readonly nowMs: number
  readonly environments: readonly string[]
  readonly service: string | null
}

/**
 * The DORA metrics of the deployments that finished in the window, per ISO week (UTC, by the
 * week each deployment finished in) and in total. Pure: the outcomes come from one ledger read.
 */
export const computeDora = (outcomes: readonly DeploymentOutcome[], window: DoraWindow): DoraReport => {
  const inWindow = outcomes.filter((outcome) => ms(outcome.finishedAt) >= window.sinceMs && ms(outcome.finishedAt) <= window.nowMs)
  const rows = classifyOutcomes(inWindow, window.nowMs)
  const leadCounted = leadTimeRows(rows)
  const byWeek = new Map<string, Classified[]>()
  for (const row of rows) {
    const { week } = isoWeekOf(ms(row.outcome.finishedAt))
    const list = byWeek.get(week)
    if (list) list.push(row)
    else byWeek.set(week, [row])
  }
  const weeks = isoWeeksBetween(window.sinceMs, window.nowMs).map(({ week, startMs }) => ({
    week,
    start: new Date(startMs).toISOString(),
    ...figures(byWeek.get(week) ?? [], leadCounted),
  }))
  const totals = figures(rows, leadCounted)
  const failures = rows
    .flatMap(({ outcome, failure }) => {
      if (!failure) return []
      const recoveredBy = failure.recoveredBy
      return [{ deploymentId: outcome.id, service: outcome.service, environment: outcome.environment, reason: failure.reason, finishedAt: outcome.finishedAt, recoveredBy: recoveredBy?.id ?? null, recoveryMs: recoveredBy ? ms(recoveredBy.finishedAt) - ms(outcome.finishedAt) : null }]
    })
    .sort((a, b) => ms(a.finishedAt) - ms(b.finishedAt) || a.deploymentId - b.deploymentId)
  const windowWeeks = Math.max(window.nowMs - window.sinceMs, 1) / (7 * 86_400_000)
  return {
    since: new Date(window.sinceMs).toISOString(),
    until: new Date(window.nowMs).toISOString(),
    environments: window.environments,
    service: window.service,
    totals: { ...totals, deploymentsPerWeek: totals.deployments / windowWeeks },
    weeks,
    failures,
  }
}
