import { useEffect, useState } from 'react'
import { messageOf } from '../../api/api-error.ts'
import type { Deployment } from '../../api/types.ts'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { pipelineOrder } from '../../format/pipeline.ts'
import { useLoader } from '../../hooks/use-loader.ts'
import { useLiveEvents } from '../../live/live-events.tsx'
import { navigate, useLocation } from '../../routing/router.tsx'
import { useSession } from '../../session/session-context.tsx'
import { useOverview } from '../../status/status-context.tsx'
import { DeploymentTable } from './DeploymentTable.tsx'
import { HistoryFilters } from './HistoryFilters.tsx'
import { filterFromQuery, foldEvent, queryFromFilter } from './history-filter.ts'

const PAGE = 50

/** Deployments, newest first, filtered, with live events folded in as they arrive. */
export const HistoryView = () => {
  const { api } = useSession()
  const overview = useOverview().data
  const filter = filterFromQuery(useLocation().query)
  const key = queryFromFilter(filter)
  const first = useLoader(`history${key}`, () => api.deployments(filter, { limit: PAGE }))
  const [rows, setRows] = useState<Deployment[]>([])
  const [more, setMore] = useState({ error: null as string | null, exhausted: false, busy: false })

  useEffect(() => {
    if (first.data) setRows(first.data)
    setMore({ error: null, exhausted: (first.data?.length ?? 0) < PAGE, busy: false })
  }, [first.data])
  useLiveEvents((event) => (event.type === 'resync' ? first.reload() : setRows((current) => foldEvent(current, filter, event.deployment))))

  const loadOlder = async () => {
    setMore((state) => ({ ...state, busy: true }))
    try {
      const older = await api.deployments(filter, { limit: PAGE, before: rows.at(-1)?.id })
      setRows((current) => [...current, ...older.filter((row) => !current.some((known) => known.id === row.id))])
      setMore({ error: null, exhausted: older.length < PAGE, busy: false })
    } catch (error) {
      setMore({ error: messageOf(error), exhausted: false, busy: false })
    }
  }

  return (
    <>
      <h1>History</h1>
      <HistoryFilters
        filter={filter}
        services={overview?.status.services ?? []}
        environments={overview ? pipelineOrder(overview.pipeline.environments) : []}
        onChange={(next) => navigate(`/history${queryFromFilter(next)}`, { replace: true })}
      />
      <ErrorAlert message={first.error} />
      {first.data === null && first.error === null ? (
        <p className="muted">Loading…</p>
      ) : rows.length === 0 ? (
        <p className="muted">No deployments match.</p>
      ) : (
        <DeploymentTable deployments={rows} />
      )}
      <ErrorAlert message={more.error} />
      {rows.length > 0 && !more.exhausted && (
        <button type="button" onClick={() => void loadOlder()} disabled={more.busy}>
          Load older
        </button>
      )}
    </>
  )
}
