import { isAllowed } from '../core/access/access-policy.ts'
import { parseDuration } from '../core/duration.ts'
import { WakaError } from '../core/errors.ts'
import { computeDora, type DoraReport } from '../core/metrics/dora.ts'
import type { WakaPolicy } from '../core/policy.ts'
import { authorize } from './authorize.ts'
import type { AppContext } from './context.ts'
import { requireEnvironment, requireService } from './lookup.ts'

export interface DoraQuery {
  readonly actor: string
  /** One environment; null: the last environment of every pipeline (nothing promotes from it). */
  readonly environment: string | null
  readonly service: string | null
  /** `90d`, `12h`, or an ISO 8601 date or time. */
  readonly since: string
}

export const DEFAULT_SINCE = '90d'
const MAX_WINDOW_MS = 5 * 366 * 86_400_000
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/

/** The start of the window: `since` ago, or the date (midnight UTC) or time it names. */
export const parseSince = (since: string, nowMs: number): number => {
  const duration = parseDuration(since)
  const sinceMs = duration !== null ? nowMs - duration : ISO_DATE.test(since) ? Date.parse(since.length === 10 ? `${since}T00:00:00Z` : since) : Number.NaN
  if (Number.isNaN(sinceMs) || sinceMs > nowMs || nowMs - sinceMs > MAX_WINDOW_MS)
    throw new WakaError('INVALID_ARGUMENT', `--since: ${JSON.stringify(since)} is not a window: expected a duration such as 90d or 12h, or a past ISO 8601 date such as 2026-01-01, at most 5 years back`)
  return sinceMs
}

/** Environments at the end of a pipeline: production, in the usual staging → production. */
export const finalEnvironments = (policy: WakaPolicy): string[] => {
  const upstream = new Set(Object.values(policy.environments).map((environment) => environment.promoteFrom))
  return Object.keys(policy.environments).filter((name) => !upstream.has(name))
}

/** The DORA metrics of one environment (or the final ones the actor may read), from one ledger read. */
export const doraMetrics = async (context: AppContext, query: DoraQuery): Promise<DoraReport> => {
  const { policy } = context
  if (query.service !== null) requireService(policy, query.service)
  let environments: string[]
  if (query.environment !== null) {
    requireEnvironment(policy, query.environment)
    authorize(policy, query.actor, 'read', query.environment)
    environments = [query.environment]
  } else {
    environments = finalEnvironments(policy).filter((name) => isAllowed(policy.access, query.actor, 'read', name))
    if (environments.length === 0)
      throw new WakaError('FORBIDDEN', `${query.actor} may not read ${finalEnvironments(policy).join(', ')}`, { hint: 'pass --env with an environment you may read, or grant viewer under access.roles in waka.yml' })
  }
  const nowMs = context.clock.now().getTime()
  const sinceMs = parseSince(query.since, nowMs)
  const outcomes = await context.store.listDeploymentOutcomes({
    finishedSince: new Date(sinceMs).toISOString(),
    environments,
    ...(query.service === null ? {} : { service: query.service }),
  })
  // services no longer in waka.yml keep their history in the ledger but leave the metrics
  const known = outcomes.filter((outcome) => policy.services[outcome.service] !== undefined)
  return computeDora(known, { sinceMs, nowMs, environments, service: query.service })
}
