import type { PendingApproval, Release } from '../../api/types.ts'
import { Age } from '../../components/Age.tsx'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { useLoader } from '../../hooks/use-loader.ts'
import { Link } from '../../routing/router.tsx'
import { can } from '../../session/permissions.ts'
import { useSession } from '../../session/session-context.tsx'
import { ApprovalTallyView } from './ApprovalTallyView.tsx'
import { DecisionForm } from './DecisionForm.tsx'
import { ReleaseComparison } from './ReleaseComparison.tsx'

interface ApprovalCardProps {
  readonly pending: PendingApproval
  readonly live: Release | null
  readonly repository: string | null
  readonly onDecided: (message: string) => void
}

/** One deployment waiting for approval: what would change, who approved so far, and the decision. */
export const ApprovalCard = ({ pending, live, repository, onDecided }: ApprovalCardProps) => {
  const { session, api } = useSession()
  const { deployment, tally } = pending
  const detail = useLoader(`deployment-${deployment.id}`, () => api.deployment(deployment.id))
  const title = `#${deployment.id} ${deployment.kind} of ${deployment.service} ${deployment.releaseVersion} to ${deployment.environment}`
  return (
    <article className="card" aria-label={title}>
      <h2>
        <Link to={`/deployments/${deployment.id}`}>{title}</Link>
      </h2>
      <p className="muted">
        Requested by <strong>{deployment.requestedBy}</strong> <Age at={deployment.createdAt} />
        {deployment.fromEnvironment && <> from {deployment.fromEnvironment}</>}
        {deployment.reason && <> — “{deployment.reason}”</>}
      </p>
      <ErrorAlert message={detail.error} />
      {detail.data && <ReleaseComparison environment={deployment.environment} live={live} candidate={detail.data.release} repository={repository} />}
      <ApprovalTallyView tally={tally} approvals={detail.data?.approvals ?? []} />
      {can(session, 'approve', deployment.environment) && (
        <DecisionForm
          deployment={deployment}
          onDecided={(message) => {
            onDecided(message)
            detail.reload()
          }}
        />
      )}
    </article>
  )
}
