import { isChange, type DeploymentOutcome } from './deployment-outcome.ts'

/** Why a change deployment counts as failed. */
export const FAILURE_REASONS = ['failed', 'interrupted', 'rolled_back', 'quarantined'] as const
export type FailureReason = (typeof FAILURE_REASONS)[number]

export interface Failure {
  readonly reason: FailureReason
  /** When the ledger learnt of it: the deployment's end, the rollback's start, or the quarantine. */
  readonly knownAtMs: number
  /** The next successful deployment of the service in the environment, if there is one yet. */
  recoveredBy: DeploymentOutcome | null
}

export interface Classified {
  readonly outcome: DeploymentOutcome
  failure: Failure | null
  /** Unplanned: a rollback, or a change started while a failure there was known and not yet recovered. */
  rework: boolean
}

const ms = (iso: string): number => Date.parse(iso)

const byStart = (a: DeploymentOutcome, b: DeploymentOutcome): number => ms(a.startedAt) - ms(b.startedAt) || a.id - b.id

/** A release quarantined while this deployment of it was the live one (before `untilMs`). */
const quarantinedWhileLive = (live: Classified, untilMs: number): boolean => {
  const { quarantinedAt, finishedAt } = live.outcome
  return quarantinedAt !== null && ms(quarantinedAt) >= ms(finishedAt) && ms(quarantinedAt) < untilMs
}

/**
 * Walks one service × environment in the order its deployments ran (they hold one lock, so they
 * never overlap) and decides which change deployments failed, which success recovered them, and
 * which deployments were rework.
 */
const classifyTarget = (outcomes: readonly DeploymentOutcome[], nowMs: number): Classified[] => {
  const rows = [...outcomes].sort(byStart).map((outcome): Classified => ({ outcome, failure: null, rework: false }))
  let open: Classified[] = []
  let previous: Classified | null = null
  let live: Classified | null = null
  const fail = (row: Classified, reason: FailureReason, knownAtMs: number) => {
    row.failure = { reason, knownAtMs, recoveredBy: null }
    open.push(row)
  }
  /** When the live change deployment's release was quarantined, if that happened before `untilMs`. */
  const quarantineOfLive = (untilMs: number): number | null =>
    live && isChange(live.outcome) && !live.failure && quarantinedWhileLive(live, untilMs) ? ms(live.outcome.quarantinedAt ?? '') : null
  for (const row of rows) {
    const { outcome } = row
    const startMs = ms(outcome.startedAt)
    // a rollback a person asked for undoes the change that ran just before it
    const undone = outcome.kind === 'rollback' && outcome.rollbackOf === null && previous && isChange(previous.outcome) && previous.outcome.status === 'succeeded' && !previous.failure ? previous : null
    const quarantinedAt = quarantineOfLive(ms(outcome.finishedAt))
    if (undone && (quarantinedAt === null || startMs <= quarantinedAt)) fail(undone, 'rolled_back', startMs)
    else if (live && quarantinedAt !== null) fail(live, 'quarantined', quarantinedAt)
    row.rework = !isChange(outcome) || open.some((failed) => failed.failure !== null && failed.failure.knownAtMs <= startMs)
    if (isChange(outcome) && outcome.status !== 'succeeded') fail(row, outcome.status, ms(outcome.finishedAt))
    if (outcome.status === 'succeeded') {
      for (const failed of open) if (failed.failure) failed.failure.recoveredBy = outcome
      open = []
      live = row
    }
    previous = row
  }
  const lastQuarantine = quarantineOfLive(nowMs + 1)
  if (live && lastQuarantine !== null) fail(live, 'quarantined', lastQuarantine)
  return rows
}

/** Classifies every deployment of the window, target by target. */
export const classifyOutcomes = (outcomes: readonly DeploymentOutcome[], nowMs: number): Classified[] => {
  const byTarget = new Map<string, DeploymentOutcome[]>()
  for (const outcome of outcomes) {
    const key = `${outcome.service}\u0000${outcome.environment}`
    const target = byTarget.get(key)
    if (target) target.push(outcome)
    else byTarget.set(key, [outcome])
  }
  return [...byTarget.values()].flatMap((target) => classifyTarget(target, nowMs))
}
