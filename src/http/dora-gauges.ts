import { Gauge, type Registry } from 'prom-client'
import { computeDora, type DoraFigures } from '../core/metrics/dora.ts'
import type { DeploymentOutcome } from '../core/metrics/deployment-outcome.ts'
import type { StoreReader } from '../core/store.ts'

/** The gauges describe the trailing 30 days: long enough to hold failures and recoveries, short enough to move. */
export const DORA_WINDOW_MS = 30 * 86_400_000
/** Every gauge of one scrape reads the same computation. */
const REUSE_MS = 5_000

export interface DoraGaugeSource {
  readonly store: StoreReader
  readonly environments: () => readonly string[]
  readonly nowMs: () => number
}

type PerTarget = { readonly service: string; readonly environment: string; readonly figures: DoraFigures }[]

const perTarget = async (source: DoraGaugeSource): Promise<PerTarget> => {
  const nowMs = source.nowMs()
  const sinceMs = nowMs - DORA_WINDOW_MS
  const outcomes = await source.store.listDeploymentOutcomes({ finishedSince: new Date(sinceMs).toISOString(), environments: source.environments() })
  const byTarget = new Map<string, DeploymentOutcome[]>()
  for (const outcome of outcomes) {
    const key = `${outcome.service}\u0000${outcome.environment}`
    const list = byTarget.get(key)
    if (list) list.push(outcome)
    else byTarget.set(key, [outcome])
  }
  return [...byTarget.values()].flatMap((list) => {
    const first = list[0]
    if (!first) return []
    const report = computeDora(list, { sinceMs, nowMs, environments: [first.environment], service: first.service })
    return [{ service: first.service, environment: first.environment, figures: report.totals }]
  })
}

const GAUGES: readonly { name: string; help: string; value: (f: DoraFigures) => number | null }[] = [
  { name: 'waka_dora_deployments', help: 'Successful change deployments (deploy, promotion) in the last 30 days', value: (f) => f.deployments },
  { name: 'waka_dora_change_failure_ratio', help: 'Change deployments that failed, were interrupted, rolled back or quarantined, over all finished ones, last 30 days', value: (f) => f.changeFailureRate },
  { name: 'waka_dora_lead_time_median_seconds', help: "Median change lead time, commit to the release's first success there, last 30 days", value: (f) => (f.leadTime.medianMs === null ? null : f.leadTime.medianMs / 1000) },
  { name: 'waka_dora_recovery_time_median_seconds', help: 'Median failed-deployment recovery time, failure to the next success there, last 30 days', value: (f) => (f.recovery.medianMs === null ? null : f.recovery.medianMs / 1000) },
  { name: 'waka_dora_unrecovered_failures', help: 'Failed change deployments of the last 30 days not followed by a success yet', value: (f) => f.recovery.unrecovered },
  { name: 'waka_dora_rework_ratio', help: 'Rollbacks and changes made while a failure was open, over all finished deployments, last 30 days', value: (f) => f.rework.rate },
]

/**
 * DORA gauges per service and environment, computed from the ledger when scraped (so every
 * replica reports the same): one read of the last 30 days per scrape. A metric without a value
 * (no changes, no commit times) is left out rather than reported as 0.
 */
export const registerDoraGauges = (registry: Registry, source: DoraGaugeSource): void => {
  let cached: { at: number; result: Promise<PerTarget> } | null = null
  const current = (): Promise<PerTarget> => {
    const now = source.nowMs()
    if (!cached || now - cached.at > REUSE_MS) cached = { at: now, result: perTarget(source) }
    return cached.result
  }
  for (const { name, help, value } of GAUGES)
    new Gauge({
      name,
      help,
      labelNames: ['service', 'environment'],
      registers: [registry],
      async collect() {
        this.reset()
        for (const { service, environment, figures } of await current()) {
          const number = value(figures)
          if (number !== null) this.set({ service, environment }, number)
        }
      },
    })
}
