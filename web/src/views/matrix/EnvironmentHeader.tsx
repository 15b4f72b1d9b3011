import type { Freeze, PipelineEnvironment } from '../../api/types.ts'
import { Age } from '../../components/Age.tsx'
import { clock } from '../../format/time.ts'
import { ConfirmedAction } from '../../components/ConfirmedAction.tsx'
import { can } from '../../session/permissions.ts'
import { useSession } from '../../session/session-context.tsx'
import { freezeConfirmation } from './target-actions.ts'

const gateSummary = (environment: PipelineEnvironment): string[] => {
  const notes: string[] = []
  if (environment.promoteFrom) notes.push(`from ${environment.promoteFrom}`)
  if (environment.autoDeploy) notes.push(`auto-deploys ${environment.autoDeploy.branches.join(', ')}`)
  const approvals = environment.gates.approvals
  if (approvals) notes.push(`${approvals.required} approval${approvals.required === 1 ? '' : 's'} from ${approvals.from.join(', ')}`)
  return notes
}

interface EnvironmentHeaderProps {
  readonly environment: PipelineEnvironment
  readonly freeze: Freeze | null
  readonly onChanged: () => void
}

/** An environment's column head: its place in the pipeline, its gates, and its freeze. */
export const EnvironmentHeader = ({ environment, freeze, onChanged }: EnvironmentHeaderProps) => {
  const { session, api } = useSession()
  const mayChange = can(session, freeze ? 'unfreeze' : 'freeze', environment.name)
  return (
    <th scope="col" className={freeze ? 'frozen' : undefined}>
      <div className="env-name">{environment.name}</div>
      <div className="muted small">{gateSummary(environment).join(' · ')}</div>
      {freeze && (
        <p className="freeze-note">
          Frozen by {freeze.by}: {freeze.reason}
          {freeze.expiresAt ? (
            <>
              {' '}
              (until <time dateTime={freeze.expiresAt}>{clock(freeze.expiresAt)}</time>)
            </>
          ) : null}{' '}
          <span className="muted">
            · <Age at={freeze.createdAt} />
          </span>
        </p>
      )}
      {mayChange && (
        <div className="actions">
          <ConfirmedAction label={freeze ? `Unfreeze ${environment.name}` : `Freeze ${environment.name}`} prepare={() => freezeConfirmation(api, environment.name, freeze !== null)} onDone={onChanged} />
        </div>
      )}
    </th>
  )
}
