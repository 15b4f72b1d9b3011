import type { DeploymentDetail } from '../../api/types.ts'
import { hasNotStarted, statusLabel, toneOf, type Tone } from '../../format/status.ts'

export interface TimelineEntry {
  readonly at: string
  /** Who acted: a person, or `waka:engine` for what the engine did. */
  readonly actor: string | null
  readonly what: string
  readonly note: string | null
  readonly epoch: number | null
  readonly tone: Tone
  readonly link: string | null
}

const ENGINE = 'waka:engine'

/**
 * A deployment's history in time order, from what the API records: the request, each approval,
 * the start under its lock epoch, each step, the outcome, and the rollbacks it caused.
 */
export const timelineOf = (detail: DeploymentDetail): TimelineEntry[] => {
  const { deployment, approvals, steps, rollbacks } = detail
  const entries: TimelineEntry[] = [
    {
      at: deployment.createdAt,
      actor: deployment.requestedBy,
      what: `requested ${deployment.kind}${deployment.automatic ? ' (automatic)' : ''}`,
      note: deployment.reason,
      epoch: null,
      tone: 'neutral',
      link: deployment.rollbackOf === null ? null : `/deployments/${deployment.rollbackOf}`,
    },
    ...approvals.map((approval) => ({
      at: approval.createdAt,
      actor: approval.actor,
      what: approval.decision === 'approve' ? 'approved' : 'rejected',
      note: approval.comment || null,
      epoch: null,
      tone: approval.decision === 'approve' ? ('good' as const) : ('bad' as const),
      link: null,
    })),
    ...steps.flatMap((step) => [
      { at: step.startedAt, actor: ENGINE, what: `${step.name} started`, note: null, epoch: step.epoch, tone: 'busy' as const, link: null },
      ...(step.finishedAt === null
        ? []
        : [
            {
              at: step.finishedAt,
              actor: ENGINE,
              what: `${step.name} ${step.status}`,
              note: step.detail,
              epoch: step.epoch,
              tone: step.status === 'failed' ? ('bad' as const) : ('good' as const),
              link: null,
            },
          ]),
    ]),
    ...rollbacks.map((rollback) => ({
      at: rollback.createdAt,
      actor: rollback.requestedBy,
      what: `rollback #${rollback.id} to ${rollback.releaseVersion} (${statusLabel(rollback.status)})`,
      note: rollback.reason,
      epoch: rollback.epoch,
      tone: 'waiting' as const,
      link: `/deployments/${rollback.id}`,
    })),
  ]
  if (deployment.startedAt !== null)
    entries.push({ at: deployment.startedAt, actor: ENGINE, what: 'started running', note: null, epoch: deployment.epoch, tone: 'busy', link: null })
  // the current state: the outcome, or what a deployment that has not started is waiting for
  const since = deployment.finishedAt ?? (hasNotStarted(deployment.status) ? deployment.updatedAt : null)
  if (since !== null)
    entries.push({
      at: since,
      actor: deployment.startedAt === null ? null : ENGINE,
      what: statusLabel(deployment.status),
      note: deployment.statusReason,
      epoch: deployment.startedAt === null ? null : deployment.epoch,
      tone: toneOf(deployment.status),
      link: null,
    })
  // a stable sort keeps the request first and the outcome last when times tie
  return entries.map((entry, index) => ({ entry, index })).sort((a, b) => Date.parse(a.entry.at) - Date.parse(b.entry.at) || a.index - b.index).map(({ entry }) => entry)
}
