import type { Requested, WakaClient } from '../client/waka-client.ts'
import type { Deployment } from '../core/deployment/deployment.ts'
import { formatDuration } from '../core/duration.ts'
import type { CliContext } from './context.ts'
import { EXIT, EXIT_CODE_BY_STATUS, type ExitCode } from './output/exit-codes.ts'
import { describeDeployment, formatStatus, tookMs } from './output/format.ts'
import { err, out, paint } from './output/io.ts'
import { createProgress } from './output/progress.ts'

const nextStep = (deployment: Deployment): string | null => {
  switch (deployment.status) {
    case 'awaiting_approval':
      return `waka approve ${deployment.id} --as <approver>   (or: waka reject ${deployment.id} --comment "…")`
    case 'pending':
      return `waka status ${deployment.service}   (it runs once its gates open)`
    case 'queued':
      return `waka status ${deployment.service}   (queued: it runs once the lock is free and its time gates are open)`
    case 'interrupted':
      return `waka rollback ${deployment.service} ${deployment.environment}   (or deploy again)`
    default:
      return null
  }
}

/** One line saying where a deployment stands, for stdout. */
export const outcomeLine = (context: CliContext, deployment: Deployment): string => {
  const took = tookMs(deployment)
  const duration = took === null || !['succeeded', 'failed', 'errored'].includes(deployment.status) ? '' : ` in ${formatDuration(took)}`
  return `${describeDeployment(deployment)}: ${formatStatus(context.io, deployment.status)}${duration}${deployment.statusReason ? ` — ${deployment.statusReason}` : ''}`
}

/**
 * Reports what a request did, follows the deployments (running them, in embedded mode) unless
 * `--no-wait`, and returns the exit code of the worst primary outcome.
 */
export const followAndReport = async (
  context: CliContext,
  client: WakaClient,
  requests: readonly Requested[],
  options: { wait: boolean; announce?: boolean; json?: Record<string, unknown> },
): Promise<ExitCode> => {
  const { io } = context
  for (const request of options.announce === false ? [] : requests) {
    for (const older of request.superseded) err(io, paint(io, 'gray', `#${older.id} superseded by #${request.deployment.id}`))
    err(io, `requested ${describeDeployment(request.deployment)}: ${formatStatus(io, request.deployment.status)} (${request.evaluation.reason})`)
  }
  const primaryIds = requests.map((request) => request.deployment.id)
  let final: Deployment[] = requests.map((request) => request.deployment)
  if (options.wait && primaryIds.length) {
    const progress = createProgress(io)
    final = await client.follow(primaryIds, { onEvent: progress.onEvent, signal: context.interrupt })
    await progress.finish()
  }
  if (context.globals().json) out(io, JSON.stringify({ ...options.json, deployments: final }, null, 2))
  else for (const deployment of final) out(io, outcomeLine(context, deployment))
  for (const deployment of final) {
    const hint = !options.wait && deployment.status === 'queued' ? 'waka run   (in embedded mode, nothing runs it until a waka command does)' : nextStep(deployment)
    if (hint) err(io, paint(io, 'gray', `next: ${hint}`))
  }
  const primary = final.filter((deployment) => primaryIds.includes(deployment.id))
  return primary.reduce<ExitCode>((worst, deployment) => {
    const code = EXIT_CODE_BY_STATUS[deployment.status]
    return code === EXIT.failed || worst === EXIT.failed ? EXIT.failed : Math.max(worst, code) as ExitCode
  }, EXIT.ok)
}
