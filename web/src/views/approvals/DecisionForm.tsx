import { useId, useState } from 'react'
import { messageOf } from '../../api/api-error.ts'
import type { Deployment } from '../../api/types.ts'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { useSession } from '../../session/session-context.tsx'

type Decision = 'approve' | 'reject'

interface DecisionFormProps {
  readonly deployment: Deployment
  /** What was decided, for the page to show: the form may leave the page with the deployment. */
  readonly onDecided: (message: string) => void
}

/** Approve or reject one waiting deployment; either needs a comment. The server may still refuse, and says why. */
export const DecisionForm = ({ deployment, onDecided }: DecisionFormProps) => {
  const { api } = useSession()
  const id = useId()
  const [comment, setComment] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const decide = async (decision: Decision) => {
    if (!comment.trim()) return setError(`A comment is required to ${decision}.`)
    setBusy(true)
    setError(null)
    try {
      const result = await api.decide(deployment.id, decision, comment.trim())
      setComment('')
      onDecided(
        decision === 'approve'
          ? `You approved #${deployment.id} (${result.tally.approvedBy.length}/${result.tally.required}).`
          : `You rejected #${deployment.id}.`,
      )
    } catch (failure) {
      setError(messageOf(failure))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="decision" onSubmit={(event) => event.preventDefault()} aria-label={`Decide on deployment #${deployment.id}`}>
      <label htmlFor={id}>Comment</label>
      <textarea id={id} value={comment} onChange={(event) => setComment(event.target.value)} rows={2} maxLength={2000} placeholder="What you checked, or why not" />
      <ErrorAlert message={error} />
      <div className="buttons">
        <button type="button" className="primary" disabled={busy} onClick={() => void decide('approve')}>
          Approve
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => void decide('reject')}>
          Reject
        </button>
      </div>
    </form>
  )
}
