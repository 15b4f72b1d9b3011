import type { Command } from 'commander'
import type { StatusReport, TargetStatus } from '../../client/waka-client.ts'
import { formatDuration } from '../../core/duration.ts'
import { describeRelease } from '../../core/release/release.ts'
import { action } from '../action.ts'
import type { CliContext } from '../context.ts'
import { EXIT } from '../output/exit-codes.ts'
import { formatStatus, formatTable, formatTime } from '../output/format.ts'
import { out, type Io } from '../output/io.ts'

const notes = (row: TargetStatus): string => {
  const parts: string[] = []
  if (row.active) parts.push(`#${row.active.id} ${row.active.status}`)
  if (row.waiting.length) parts.push(`${row.waiting.length} waiting`)
  if (row.lease?.hold) parts.push(`held by ${row.lease.hold.by}: ${row.lease.hold.reason}`)
  if (row.freeze) parts.push(`frozen by ${row.freeze.by}: ${row.freeze.reason}`)
  if (row.autoDeployPause) parts.push('auto-deploy paused')
  return parts.join('; ') || '-'
}

const render = (io: Io, report: StatusReport): string => {
  const rows = report.targets.map((row) => [
    row.service,
    row.environment,
    row.live ? describeRelease(row.live.release) : '-',
    row.live ? formatTime(io, row.live.since) : '-',
    row.latest ? `#${row.latest.id} ${formatStatus(io, row.latest.status)}` : '-',
    notes(row),
  ])
  const table = formatTable(io, ['service', 'environment', 'live', 'since', 'latest', 'notes'], rows)
  if (!report.pendingApprovals.length) return table
  const pending = report.pendingApprovals.map(({ deployment, tally }) => {
    const waitedMs = Date.now() - Date.parse(deployment.createdAt)
    return `  #${deployment.id} ${deployment.kind} of ${deployment.service} ${deployment.releaseVersion} into ${deployment.environment}: approvals ${tally.approvedBy.length}/${tally.required}, requested by ${deployment.requestedBy} ${formatDuration(waitedMs)} ago`
  })
  return `${table}\n\nwaiting for approval:\n${pending.join('\n')}`
}

export const registerStatus = (program: Command, context: CliContext): void => {
  program
    .command('status')
    .description('what runs where: the live release of every service in every environment, queues, holds, freezes and pending approvals')
    .argument('[service]')
    .action(
      action(async (service: string | undefined) => {
        const client = await context.client()
        const report = await client.status({ service: service ?? null })
        out(context.io, context.globals().json ? JSON.stringify(report, null, 2) : render(context.io, report))
        return EXIT.ok
      }),
    )
}
