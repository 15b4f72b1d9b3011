import type { Http } from './http.ts'
import type {
  Decision,
  Deployment,
  DeploymentDetail,
  DeploymentStatus,
  DoraReport,
  Freeze,
  LogLine,
  Pipeline,
  Release,
  Requested,
  Session,
  StatusReport,
} from './types.ts'

export interface HistoryFilter {
  readonly service: string | null
  readonly environment: string | null
  readonly status: DeploymentStatus | null
}

const LOG_PAGE = 1000
const segment = (text: string) => encodeURIComponent(text)

/** The endpoints the dashboard uses, typed; each is one request. */
export const wakaApi = (http: Http) => ({
  session: () => http.get<Session>('/api/v1/session'),
  signOut: () => http.send<{ ok: true }>('DELETE', '/api/v1/session'),
  status: () => http.get<StatusReport>('/api/v1/status'),
  pipeline: () => http.get<Pipeline>('/api/v1/pipeline'),
  dora: (query: { environment: string | null; since: string }) => http.get<DoraReport>('/api/v1/metrics/dora', query),
  deployments: (filter: HistoryFilter, page: { limit: number; before?: number }) =>
    http.get<Deployment[]>('/api/v1/deployments', { ...filter, limit: page.limit, before: page.before }),
  deployment: (id: number) => http.get<DeploymentDetail>(`/api/v1/deployments/${id}`),
  /** Every log line after `after`, page by page. */
  logs: async (id: number, after = 0): Promise<LogLine[]> => {
    const lines: LogLine[] = []
    for (;;) {
      const page = await http.get<LogLine[]>(`/api/v1/deployments/${id}/logs`, { after: lines.at(-1)?.seq ?? after, limit: LOG_PAGE })
      lines.push(...page)
      if (page.length < LOG_PAGE) return lines
    }
  },
  promotionPreview: (service: string, to: string) => http.get<Release>('/api/v1/previews/promotion', { service, to }),
  rollbackPreview: (service: string, environment: string) => http.get<Release>('/api/v1/previews/rollback', { service, environment }),
  promote: (service: string, to: string, release: string, reason: string | null) =>
    http.send<Requested>('POST', '/api/v1/promotions', { service, to, release, reason }),
  rollback: (service: string, environment: string, to: string, reason: string | null) =>
    http.send<Requested>('POST', '/api/v1/rollbacks', { service, environment, to, reason }),
  decide: (id: number, decision: 'approve' | 'reject', comment: string) =>
    http.send<Decision>('POST', `/api/v1/deployments/${id}/approvals`, { decision, comment }),
  cancel: (id: number, reason: string | null) => http.send<Deployment>('POST', `/api/v1/deployments/${id}/cancel`, { reason }),
  freeze: (environment: string, reason: string, duration: string | null) =>
    http.send<Freeze>('POST', `/api/v1/environments/${segment(environment)}/freeze`, { reason, for: duration }),
  unfreeze: (environment: string, reason: string | null) => http.send('DELETE', `/api/v1/environments/${segment(environment)}/freeze`, { reason }),
  hold: (service: string, environment: string, reason: string | null) =>
    http.send('POST', `/api/v1/environments/${segment(environment)}/services/${segment(service)}/hold`, { reason }),
  unhold: (service: string, environment: string, reason: string | null) =>
    http.send('DELETE', `/api/v1/environments/${segment(environment)}/services/${segment(service)}/hold`, { reason }),
  resume: (service: string, environment: string, reason: string | null) =>
    http.send('POST', `/api/v1/environments/${segment(environment)}/services/${segment(service)}/resume`, { reason }),
})

export type WakaApi = ReturnType<typeof wakaApi>
