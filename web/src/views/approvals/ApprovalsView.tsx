import { useState } from 'react'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { Notice } from '../../components/Notice.tsx'
import { useOverview } from '../../status/status-context.tsx'
import { ApprovalCard } from './ApprovalCard.tsx'

/** Every deployment waiting for approval that the user may read. */
export const ApprovalsView = () => {
  const { data, error } = useOverview()
  const [notice, setNotice] = useState<string | null>(null)
  if (!data) return error ? <ErrorAlert message={error} /> : <p className="muted">Loading…</p>
  const { status, pipeline } = data
  const pending = status.pendingApprovals
  return (
    <>
      <h1>Pending approvals</h1>
      <ErrorAlert message={error} />
      <Notice message={notice} />
      {pending.length === 0 && <p className="muted">Nothing is waiting for approval.</p>}
      {pending.map((entry) => {
        const { service, environment } = entry.deployment
        const live = status.targets.find((target) => target.service === service && target.environment === environment)?.live?.release ?? null
        const repository = pipeline.services.find((candidate) => candidate.name === service)?.repository?.name ?? null
        return <ApprovalCard key={entry.deployment.id} pending={entry} live={live} repository={repository} onDecided={setNotice} />
      })}
    </>
  )
}
