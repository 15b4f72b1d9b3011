import type { HistoryFilter } from '../../api/waka-api.ts'
import { DEPLOYMENT_STATUSES, type Deployment, type DeploymentStatus } from '../../api/types.ts'

const isStatus = (text: string | null): text is DeploymentStatus => text !== null && (DEPLOYMENT_STATUSES as readonly string[]).includes(text)

/** The filter lives in the address (`/history?service=web&status=failed`), so a view can be shared. */
export const filterFromQuery = (query: URLSearchParams): HistoryFilter => {
  const status = query.get('status')
  return { service: query.get('service') || null, environment: query.get('environment') || null, status: isStatus(status) ? status : null }
}

export const queryFromFilter = (filter: HistoryFilter): string => {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value as string)
  const text = params.toString()
  return text ? `?${text}` : ''
}

export const matches = (filter: HistoryFilter, deployment: Deployment): boolean =>
  (filter.service === null || deployment.service === filter.service) &&
  (filter.environment === null || deployment.environment === filter.environment) &&
  (filter.status === null || deployment.status === filter.status)

/**
 * A live event folded into the list: a matching deployment is added or updated in place; one that no
 * longer matches (its status moved on) leaves. Newest first.
 */
export const foldEvent = (rows: readonly Deployment[], filter: HistoryFilter, deployment: Deployment): Deployment[] => {
  const others = rows.filter((row) => row.id !== deployment.id)
  if (!matches(filter, deployment)) return others.length === rows.length ? [...rows] : others
  const oldest = rows.at(-1)?.id ?? 0
  // an update to a row older than the loaded page stays out, as it would after a reload
  if (rows.length > 0 && deployment.id < oldest && !rows.some((row) => row.id === deployment.id)) return [...rows]
  return [...others, deployment].sort((a, b) => b.id - a.id)
}
