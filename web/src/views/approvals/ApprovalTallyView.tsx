import type { Approval, ApprovalTally } from '../../api/types.ts'

/** "Approvals 1/2: bob", with each comment, and the decisions that do not count and why. */
export const ApprovalTallyView = ({ tally, approvals }: { readonly tally: ApprovalTally; readonly approvals: readonly Approval[] }) => {
  const commentOf = (actor: string) => approvals.findLast((approval) => approval.actor === actor)?.comment
  return (
    <div className="tally">
      <p>
        <strong>
          Approvals {tally.approvedBy.length}/{tally.required}
        </strong>
        {tally.approvedBy.length > 0 ? `: ${tally.approvedBy.join(', ')}` : ' so far'}
      </p>
      {(tally.approvedBy.length > 0 || tally.ignored.length > 0) && (
        <ul>
          {tally.approvedBy.map((actor) => (
            <li key={actor}>
              {actor} approved{commentOf(actor) ? `: “${commentOf(actor)}”` : ''}
            </li>
          ))}
          {tally.ignored.map((entry) => (
            <li key={entry.actor} className="muted">
              {entry.actor}’s decision does not count: {entry.why}
            </li>
          ))}
        </ul>
      )}
      {tally.rejectedBy && (
        <p>
          Rejected by {tally.rejectedBy.actor}: “{tally.rejectedBy.comment}”
        </p>
      )}
    </div>
  )
}
