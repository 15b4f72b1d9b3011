import type { PipelineEnvironment, TargetStatus } from '../../api/types.ts'
import { ConfirmedAction } from '../../components/ConfirmedAction.tsx'
import { can } from '../../session/permissions.ts'
import { useSession } from '../../session/session-context.tsx'
import { holdConfirmation, promoteConfirmation, resumeConfirmation, rollbackConfirmation } from './target-actions.ts'

interface TargetActionsProps {
  readonly target: TargetStatus
  readonly environment: PipelineEnvironment
  readonly onDone: () => void
}

/** The levers for one service in one environment, offered where the user's roles allow them. */
export const TargetActions = ({ target, environment, onDone }: TargetActionsProps) => {
  const { session, api } = useSession()
  const where = target.environment
  const actions = [
    environment.promoteFrom !== null && can(session, 'deploy', where) && (
      <ConfirmedAction key="promote" label="Promote" className="primary" prepare={() => promoteConfirmation(api, target.service, where)} onDone={onDone} />
    ),
    target.live !== null && can(session, 'rollback', where) && (
      <ConfirmedAction key="rollback" label="Roll back" prepare={() => rollbackConfirmation(api, target)} onDone={onDone} />
    ),
    can(session, 'hold', where) && (
      <ConfirmedAction key="hold" label={target.lease?.hold ? 'Unhold' : 'Hold'} prepare={() => holdConfirmation(api, target)} onDone={onDone} />
    ),
    target.autoDeployPause !== null && can(session, 'resume', where) && (
      <ConfirmedAction key="resume" label="Resume auto-deploy" prepare={() => resumeConfirmation(api, target)} onDone={onDone} />
    ),
  ].filter(Boolean)
  return actions.length ? <div className="actions">{actions}</div> : null
}
