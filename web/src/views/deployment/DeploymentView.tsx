import { useState } from 'react'
import type { DeploymentDetail } from '../../api/types.ts'
import type { WakaApi } from '../../api/waka-api.ts'
import type { Confirmation } from '../../components/ConfirmDialog.tsx'
import { ConfirmedAction } from '../../components/ConfirmedAction.tsx'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { Notice } from '../../components/Notice.tsx'
import { StatusBadge } from '../../components/StatusBadge.tsx'
import { hasNotStarted } from '../../format/status.ts'
import { useLoader } from '../../hooks/use-loader.ts'
import { useLiveEvents } from '../../live/live-events.tsx'
import { Link } from '../../routing/router.tsx'
import { can } from '../../session/permissions.ts'
import { useSession } from '../../session/session-context.tsx'
import { useOverview } from '../../status/status-context.tsx'
import { ApprovalTallyView } from '../approvals/ApprovalTallyView.tsx'
import { DecisionForm } from '../approvals/DecisionForm.tsx'
import { LiveLog } from './LiveLog.tsx'
import { ReleaseFacts } from './ReleaseFacts.tsx'
import { Timeline } from './Timeline.tsx'

const cancelConfirmation = (api: WakaApi, { deployment }: DeploymentDetail): Confirmation => ({
  question: `Cancel #${deployment.id}, the ${deployment.kind} of ${deployment.service} ${deployment.releaseVersion} to ${deployment.environment}?`,
  confirmLabel: 'Cancel deployment',
  reason: 'optional',
  danger: true,
  run: async ({ reason }) => {
    await api.cancel(deployment.id, reason || null)
  },
})

/** One deployment: what it moves, its timeline, its approvals, its live log and the rollbacks it caused. */
export const DeploymentView = ({ id }: { readonly id: number }) => {
  const { session, api } = useSession()
  const { data, error, reload } = useLoader(`deployment-${id}`, () => api.deployment(id))
  const [notice, setNotice] = useState<string | null>(null)
  const pending = useOverview().data?.status.pendingApprovals.find((entry) => entry.deployment.id === id) ?? null
  useLiveEvents((event) => {
    if (event.type === 'resync' || event.deployment.id === id || event.deployment.rollbackOf === id) reload()
  })
  if (!data) return error ? <ErrorAlert message={error} /> : <p className="muted">Loading…</p>
  const { deployment, release, approvals, rollbacks } = data
  const approvalsNeeded = deployment.status === 'awaiting_approval'
  return (
    <>
      <p className="crumbs">
        <Link to="/history">History</Link> / #{deployment.id}
      </p>
      <h1>
        #{deployment.id} {deployment.kind} of {deployment.service} {deployment.releaseVersion} to {deployment.environment} <StatusBadge status={deployment.status} />
      </h1>
      {deployment.statusReason && <p className="lead">{deployment.statusReason}</p>}
      {deployment.rollbackOf !== null && (
        <p>
          Rolls back <Link to={`/deployments/${deployment.rollbackOf}`}>#{deployment.rollbackOf}</Link>
        </p>
      )}
      <ErrorAlert message={error} />
      <Notice message={notice} />
      {hasNotStarted(deployment.status) && can(session, 'cancel', deployment.environment) && (
        <div className="actions">
          <ConfirmedAction label="Cancel deployment" prepare={() => cancelConfirmation(api, data)} onDone={reload} />
        </div>
      )}
      <div className="columns">
        <div>
          <ReleaseFacts release={release} />
          <Timeline detail={data} />
          {(approvalsNeeded || approvals.length > 0) && (
            <section aria-labelledby="approvals-heading">
              <h2 id="approvals-heading">Approvals</h2>
              {pending ? (
                <ApprovalTallyView tally={pending.tally} approvals={approvals} />
              ) : (
                <ul>
                  {approvals.map((approval) => (
                    <li key={approval.id}>
                      <strong>{approval.actor}</strong> {approval.decision === 'approve' ? 'approved' : 'rejected'}: “{approval.comment}”
                    </li>
                  ))}
                </ul>
              )}
              {approvalsNeeded && can(session, 'approve', deployment.environment) && (
                <DecisionForm
                  deployment={deployment}
                  onDecided={(message) => {
                    setNotice(message)
                    reload()
                  }}
                />
              )}
            </section>
          )}
          {rollbacks.length > 0 && (
            <section aria-labelledby="rollbacks-heading">
              <h2 id="rollbacks-heading">Rollbacks it caused</h2>
              <ul>
                {rollbacks.map((rollback) => (
                  <li key={rollback.id}>
                    <Link to={`/deployments/${rollback.id}`}>
                      #{rollback.id} to {rollback.releaseVersion}
                    </Link>{' '}
                    <StatusBadge status={rollback.status} />
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
        <LiveLog deploymentId={deployment.id} />
      </div>
    </>
  )
}
