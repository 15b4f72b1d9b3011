import type { ChangeEvent } from 'react'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { pipelineOrder } from '../../format/pipeline.ts'
import { useLoader } from '../../hooks/use-loader.ts'
import { navigate, useLocation } from '../../routing/router.tsx'
import { useSession } from '../../session/session-context.tsx'
import { useOverview } from '../../status/status-context.tsx'
import { doraSeries } from './dora-series.ts'
import { WeeklyChart } from './WeeklyChart.tsx'

const WINDOWS = ['30d', '90d', '180d', '365d'] as const

/** DORA metrics of the ledger, a chart per metric over ISO weeks (UTC). */
export const DeliveryView = () => {
  const { api } = useSession()
  const overview = useOverview().data
  const { query } = useLocation()
  const environment = query.get('environment')
  const since = query.get('since') ?? '90d'
  const report = useLoader(`dora:${environment ?? ''}:${since}`, () => api.dora({ environment, since }))
  const choose = (key: string) => (event: ChangeEvent<HTMLSelectElement>) => {
    const next = new URLSearchParams(query)
    if (event.target.value === '') next.delete(key)
    else next.set(key, event.target.value)
    navigate(`/delivery${next.size ? `?${next.toString()}` : ''}`)
  }
  const data = report.data
  return (
    <>
      <h1>Delivery</h1>
      <div className="filters">
        <label>
          Environment{' '}
          <select value={environment ?? ''} onChange={choose('environment')}>
            <option value="">end of each pipeline</option>
            {(overview ? pipelineOrder(overview.pipeline.environments) : []).map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </label>{' '}
        <label>
          Window{' '}
          <select value={since} onChange={choose('since')}>
            {WINDOWS.map((window) => (
              <option key={window}>{window}</option>
            ))}
          </select>
        </label>
      </div>
      <ErrorAlert message={report.error} />
      {data && (
        <section aria-label="DORA metrics">
          <p className="muted">
            {data.service ?? 'All services'} in {data.environments.join(', ')}, ISO weeks from {data.since.slice(0, 10)} to {data.until.slice(0, 10)} (UTC).{' '}
            {data.totals.recovery.unrecovered > 0 && <strong>{data.totals.recovery.unrecovered} failure(s) not recovered yet.</strong>}
          </p>
          <div className="dora-grid">
            {doraSeries(data).map((series) => (
              <WeeklyChart key={series.key} series={series} weeks={data.weeks.map((week) => week.week)} />
            ))}
          </div>
        </section>
      )}
    </>
  )
}
