import { describe, expect, it } from 'vitest'
import { normalizeCommitTime } from '../release/commit-time.ts'
import type { DeploymentOutcome, OutcomeStatus } from './deployment-outcome.ts'
import { computeDora, type DoraFigures } from './dora.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const iso = (ms: number) => new Date(ms).toISOString()

/** A seeded generator, so a failing ledger can be replayed. */
const random = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
  return seed / 2 ** 31
}

/** A ledger of several targets whose deployments run one after another, with every kind of failure. */
const generateLedger = (seed: number, count: number, startMs: number): DeploymentOutcome[] => {
  const next = random(seed)
  const outcomes: DeploymentOutcome[] = []
  const targets = [['web', 'production'], ['web', 'staging'], ['api', 'production']] as const
  const clock = new Map<string, number>(targets.map(([s, e]) => [`${s}/${e}`, startMs]))
  const quarantines = new Map<number, string>()
  let releaseId = 0
  for (let id = 1; id <= count; id++) {
    const [service, environment] = targets[Math.floor(next() * targets.length)] ?? targets[0]
    const key = `${service}/${environment}`
    const started = (clock.get(key) ?? startMs) + Math.floor(next() * 30 * HOUR)
    const finished = started + Math.floor(next() * 20 * 60_000)
    clock.set(key, finished)
    const previous = outcomes.filter((o) => o.service === service && o.environment === environment).at(-1)
    const roll = next()
    const kind = roll < 0.25 ? 'rollback' : roll < 0.4 ? 'promotion' : 'deploy'
    const status: OutcomeStatus = next() < 0.7 ? 'succeeded' : next() < 0.7 ? 'failed' : 'interrupted'
    const reuse = kind === 'rollback' || next() < 0.1
    const release = reuse && releaseId > 0 ? 1 + Math.floor(next() * releaseId) : ++releaseId
    if (!reuse && next() < 0.1) quarantines.set(release, iso(finished + Math.floor(next() * 40 * HOUR)))
    outcomes.push({
      id,
      service,
      environment,
      kind,
      status,
      releaseId: release,
      rollbackOf: kind === 'rollback' && previous && previous.status !== 'succeeded' && next() < 0.7 ? previous.id : null,
      startedAt: iso(started),
      finishedAt: iso(finished),
      committedAt: next() < 0.85 ? iso(started - Math.floor(next() * 72 * HOUR)) : null,
      quarantinedAt: null,
      succeededBefore: next() < 0.05,
    })
  }
  return outcomes.map((o) => ({ ...o, quarantinedAt: quarantines.get(o.releaseId) ?? null }))
}

// ---- the oracle: the definitions in docs/metrics.md, computed by brute force, deployment by deployment

/** ISO weeks by counting from a Monday known to start 2025-W01, not by date arithmetic. */
const oracleWeek = (ms: number): string => {
  let monday = Date.UTC(2024, 11, 30)
  let year = 2025
  let number = 1
  while (monday + 7 * DAY <= ms) {
    monday += 7 * DAY
    const thursdayYear = new Date(monday + 3 * DAY).getUTCFullYear()
    if (thursdayYear !== year) [year, number] = [thursdayYear, 1]
    else number++
  }
  return `${year}-W${number < 10 ? '0' : ''}${number}`
}

const t = (text: string) => Date.parse(text)

const oracle = (all: readonly DeploymentOutcome[], sinceMs: number, nowMs: number) => {
  const ledger = all.filter((o) => t(o.finishedAt) >= sinceMs && t(o.finishedAt) <= nowMs)
  const sameTarget = (a: DeploymentOutcome, b: DeploymentOutcome) => a.service === b.service && a.environment === b.environment
  const before = (a: DeploymentOutcome, b: DeploymentOutcome) => t(a.startedAt) < t(b.startedAt) || (a.startedAt === b.startedAt && a.id < b.id)
  const later = (d: DeploymentOutcome) => ledger.filter((o) => sameTarget(o, d) && before(d, o)).sort((a, b) => t(a.startedAt) - t(b.startedAt) || a.id - b.id)
  const nextSuccess = (d: DeploymentOutcome) => later(d).find((o) => o.status === 'succeeded') ?? null
  const failureOf = (d: DeploymentOutcome): { reason: string; knownAt: number } | null => {
    if (d.kind === 'rollback') return null
    if (d.status !== 'succeeded') return { reason: d.status, knownAt: t(d.finishedAt) }
    const right = later(d)[0]
    const rollbackAt = right && right.kind === 'rollback' && right.rollbackOf === null ? t(right.startedAt) : null
    const success = nextSuccess(d)
    const q = d.quarantinedAt === null ? null : t(d.quarantinedAt)
    const quarantineAt = q !== null && q >= t(d.finishedAt) && q < (success ? t(success.finishedAt) : nowMs + 1) ? q : null
    if (rollbackAt !== null && (quarantineAt === null || rollbackAt <= quarantineAt)) return { reason: 'rolled_back', knownAt: rollbackAt }
    return quarantineAt === null ? null : { reason: 'quarantined', knownAt: quarantineAt }
  }
  const isRework = (d: DeploymentOutcome) =>
    d.kind === 'rollback' ||
    ledger.some((f) => {
      if (!sameTarget(f, d) || !before(f, d)) return false
      const failure = failureOf(f)
      const successBetween = ledger.some((s) => sameTarget(s, d) && s.status === 'succeeded' && before(f, s) && before(s, d))
      return failure !== null && failure.knownAt <= t(d.startedAt) && !successBetween
    })
  const firstSuccesses = new Set<number>()
  for (const d of ledger) {
    if (d.kind === 'rollback' || d.status !== 'succeeded' || d.succeededBefore) continue
    const earlier = ledger.some((o) => o.environment === d.environment && o.releaseId === d.releaseId && o.kind !== 'rollback' && o.status === 'succeeded' && !o.succeededBefore && (t(o.finishedAt) < t(d.finishedAt) || (o.finishedAt === d.finishedAt && o.id < d.id)))
    if (!earlier) firstSuccesses.add(d.id)
  }
  const mid = (values: number[]) => {
    if (values.length === 0) return null
    const s = [...values].sort((a, b) => a - b)
    return s.length % 2 ? (s[(s.length - 1) / 2] ?? null) : ((s[s.length / 2 - 1] ?? 0) + (s[s.length / 2] ?? 0)) / 2
  }
  const figuresOf = (rows: readonly DeploymentOutcome[]): DoraFigures => {
    const changes = rows.filter((d) => d.kind !== 'rollback')
    const failed = changes.filter((d) => failureOf(d) !== null)
    const lead = rows.filter((d) => firstSuccesses.has(d.id))
    const withCommit = lead.filter((d) => d.committedAt !== null)
    const recovered = failed.flatMap((d) => {
      const s = nextSuccess(d)
      return s ? [t(s.finishedAt) - t(d.finishedAt)] : []
    })
    const rework = rows.filter(isRework).length
    return {
      deployments: changes.filter((d) => d.status === 'succeeded').length,
      changes: changes.length,
      failures: failed.length,
      changeFailureRate: changes.length ? failed.length / changes.length : null,
      leadTime: { count: withCommit.length, medianMs: mid(withCommit.map((d) => Math.max(0, t(d.finishedAt) - t(d.committedAt ?? '')))), withoutCommitTime: lead.length - withCommit.length },
      recovery: { count: recovered.length, medianMs: mid(recovered), unrecovered: failed.length - recovered.length },
      rework: { deployments: rows.length, rework, rate: rows.length ? rework / rows.length : null },
    }
  }
  const weeks = new Map<string, DeploymentOutcome[]>()
  for (const d of ledger) weeks.set(oracleWeek(t(d.finishedAt)), [...(weeks.get(oracleWeek(t(d.finishedAt))) ?? []), d])
  return { totals: figuresOf(ledger), weeks: new Map([...weeks].map(([week, rows]) => [week, figuresOf(rows)])), failed: ledger.filter((d) => failureOf(d) !== null).map((d) => ({ id: d.id, reason: failureOf(d)?.reason })) }
}

const window = (sinceMs: number, nowMs: number) => ({ sinceMs, nowMs, environments: ['production', 'staging'], service: null })

describe('computeDora on generated ledgers, against a brute-force oracle', () => {
  it.each([1, 42, 1234])('seed %i: every week and the totals match', (seed) => {
    const startMs = Date.UTC(2025, 11, 1, 7)
    const ledger = generateLedger(seed, 250, startMs)
    const nowMs = Math.max(...ledger.map((o) => t(o.finishedAt))) + 3 * DAY
    const sinceMs = startMs + 10 * DAY
    const report = computeDora(ledger, window(sinceMs, nowMs))
    const expected = oracle(ledger, sinceMs, nowMs)
    const { deploymentsPerWeek, ...totals } = report.totals
    expect(totals).toEqual(expected.totals)
    expect(deploymentsPerWeek).toBeCloseTo(expected.totals.deployments / ((nowMs - sinceMs) / (7 * DAY)), 9)
    for (const week of report.weeks) {
      const { week: name, start, ...figures } = week
      expect(oracleWeek(t(start))).toBe(name)
      const want = expected.weeks.get(name)
      if (want) expect(figures, name).toEqual(want)
      else expect(figures.changes + figures.rework.deployments, name).toBe(0)
    }
    expect([...expected.weeks.keys()].every((name) => report.weeks.some((week) => week.week === name))).toBe(true)
    expect(report.failures.map((f) => ({ id: f.deploymentId, reason: f.reason })).sort((a, b) => a.id - b.id)).toEqual(expected.failed)
    // the generator exercises every kind of failure, so the comparison means something
    expect(new Set(report.failures.map((f) => f.reason))).toEqual(new Set(['failed', 'interrupted', 'rolled_back', 'quarantined']))
    expect(report.totals.leadTime.withoutCommitTime).toBeGreaterThan(0)
  })
})

/** A deployment of one target, `minutes` after a fixed Monday 09:00 UTC, lasting five minutes. */
const MONDAY = Date.UTC(2026, 2, 2, 9)
let nextId = 1
const run = (minutes: number, fields: Partial<DeploymentOutcome> = {}): DeploymentOutcome => ({
  id: nextId++,
  service: 'web',
  environment: 'production',
  kind: 'deploy',
  status: 'succeeded',
  releaseId: nextId,
  rollbackOf: null,
  startedAt: iso(MONDAY + minutes * 60_000),
  finishedAt: iso(MONDAY + (minutes + 5) * 60_000),
  committedAt: iso(MONDAY - HOUR),
  quarantinedAt: null,
  succeededBefore: false,
  ...fields,
})
const oneWeek = window(MONDAY - DAY, MONDAY + 5 * DAY)

describe('computeDora edge cases', () => {
  it('with no deployments: zero counts, no rates, every week of the window listed', () => {
    const report = computeDora([], { ...window(Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 31)), environments: ['production'] })
    expect(report.weeks.map((w) => w.week)).toEqual(['2026-W01', '2026-W02', '2026-W03', '2026-W04', '2026-W05'])
    expect(report.totals).toEqual({
      deployments: 0,
      changes: 0,
      failures: 0,
      changeFailureRate: null,
      leadTime: { count: 0, medianMs: null, withoutCommitTime: 0 },
      recovery: { count: 0, medianMs: null, unrecovered: 0 },
      rework: { deployments: 0, rework: 0, rate: null },
      deploymentsPerWeek: 0,
    })
    expect(report.failures).toEqual([])
  })

  it('when every deployment failed: the failure rate is 1, none recovered, and each attempt after the first is rework', () => {
    const ledger = [run(0, { status: 'failed' }), run(60, { status: 'interrupted' }), run(120, { status: 'failed' })]
    const { totals, failures } = computeDora(ledger, oneWeek)
    expect(totals).toMatchObject({ deployments: 0, changes: 3, failures: 3, changeFailureRate: 1, recovery: { count: 0, medianMs: null, unrecovered: 3 }, rework: { deployments: 3, rework: 2, rate: 2 / 3 } })
    expect(totals.leadTime).toEqual({ count: 0, medianMs: null, withoutCommitTime: 0 })
    expect(failures.map((f) => [f.reason, f.recoveredBy])).toEqual([['failed', null], ['interrupted', null], ['failed', null]])
  })

  it('a failure never recovered stays unrecovered even when other targets recover', () => {
    const ledger = [run(0, { status: 'failed' }), run(30, { service: 'api', status: 'failed' }), run(90, { service: 'api' })]
    const { totals, failures } = computeDora(ledger, oneWeek)
    expect(totals.recovery).toEqual({ count: 1, medianMs: 90 * 60_000 - 35 * 60_000 + 5 * 60_000, unrecovered: 1 })
    expect(failures.find((f) => f.service === 'web')).toMatchObject({ recoveredBy: null, recoveryMs: null })
  })

  it('an automatic rollback recovers the failure it undoes; a manual one fails the change before it', () => {
    const failed = run(0, { status: 'failed' })
    const auto = run(6, { kind: 'rollback', rollbackOf: failed.id, releaseId: 1 })
    const good = run(60)
    const manual = run(120, { kind: 'rollback', releaseId: 1 })
    const { totals, failures } = computeDora([failed, auto, good, manual], oneWeek)
    expect(failures).toEqual([
      { deploymentId: failed.id, service: 'web', environment: 'production', reason: 'failed', finishedAt: failed.finishedAt, recoveredBy: auto.id, recoveryMs: 6 * 60_000 },
      { deploymentId: good.id, service: 'web', environment: 'production', reason: 'rolled_back', finishedAt: good.finishedAt, recoveredBy: manual.id, recoveryMs: 60 * 60_000 },
    ])
    expect(totals).toMatchObject({ deployments: 1, changes: 2, failures: 2, changeFailureRate: 1, rework: { deployments: 4, rework: 2 } })
  })

  it('a quarantine counts while the release is live; the deployment already running when it was placed is planned work', () => {
    const bad = run(0)
    const nextOne = run(60, { quarantinedAt: null })
    const quarantined = { ...bad, quarantinedAt: iso(MONDAY + 62 * 60_000) }
    const { failures, totals } = computeDora([quarantined, nextOne], oneWeek)
    expect(failures).toEqual([{ deploymentId: bad.id, service: 'web', environment: 'production', reason: 'quarantined', finishedAt: bad.finishedAt, recoveredBy: nextOne.id, recoveryMs: 60 * 60_000 }])
    expect(totals.rework.rework).toBe(0)
    // quarantined after it was replaced: it was not live, so it did not fail here
    const late = { ...bad, quarantinedAt: iso(MONDAY + 2 * HOUR) }
    expect(computeDora([late, nextOne], oneWeek).failures).toEqual([])
  })

  it('time zones: commit times with offsets are instants, and weeks are ISO weeks in UTC', () => {
    // Sunday 23:30 at UTC-01:00 is Monday 00:30 UTC: the next ISO week
    const sundayNight = Date.parse('2026-03-08T23:30:00-01:00')
    const deployment = run(0, {
      startedAt: iso(sundayNight - 10 * 60_000),
      finishedAt: iso(sundayNight),
      committedAt: normalizeCommitTime('2026-03-09T05:00:00+05:30', '--commit-time'),
    })
    const tokyo = run(0, { releaseId: 900, committedAt: normalizeCommitTime('2026-03-02T17:00:00+09:00', 'commit time') })
    const report = computeDora([deployment, tokyo], window(Date.UTC(2026, 2, 1), Date.UTC(2026, 2, 12)))
    expect(report.weeks.map((w) => [w.week, w.start, w.deployments])).toEqual([
      ['2026-W09', '2026-02-23T00:00:00.000Z', 0],
      ['2026-W10', '2026-03-02T00:00:00.000Z', 1],
      ['2026-W11', '2026-03-09T00:00:00.000Z', 1],
    ])
    // commit 05:00+05:30 = 23:30 UTC the day before; deployed 00:30 UTC: one hour
    expect(report.weeks[2]?.leadTime).toEqual({ count: 1, medianMs: HOUR, withoutCommitTime: 0 })
    // commit 17:00+09:00 = 08:00 UTC; deployed 09:05 UTC
    expect(report.weeks[1]?.leadTime.medianMs).toBe(65 * 60_000)
  })

  it('lead time counts a release once per environment, at its first success, and never below zero', () => {
    const first = run(0, { releaseId: 7, committedAt: iso(MONDAY - 2 * HOUR) })
    const again = run(60, { releaseId: 7, committedAt: iso(MONDAY - 2 * HOUR) })
    const redeployedFromBefore = run(120, { releaseId: 8, succeededBefore: true })
    const skewed = run(180, { releaseId: 9, committedAt: iso(MONDAY + 10 * HOUR) })
    const unknown = run(240, { releaseId: 10, committedAt: null })
    const { totals } = computeDora([first, again, redeployedFromBefore, skewed, unknown], oneWeek)
    expect(totals.deployments).toBe(5)
    expect(totals.leadTime).toEqual({ count: 2, medianMs: (2 * HOUR + 5 * 60_000) / 2, withoutCommitTime: 1 })
  })
})
