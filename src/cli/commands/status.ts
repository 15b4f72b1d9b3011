import type { Command } from 'commander'
import type { StatusReport, TargetHosts, TargetStatus } from '../../client/waka-client.ts'
import { formatDuration } from '../../core/duration.ts'
import { describeRelease } from '../../core/release/release.ts'
import { action } from '../action.ts'
import type { CliContext } from '../context.ts'
import { EXIT } from '../output/exit-codes.ts'
import { formatStatus, formatTable, formatTime } from '../output/format.ts'
import { out, type Io } from '../output/io.ts'

const notes = (row: TargetStatus, runner: boolean): string => {
  const parts: string[] = []
  if (row.active) parts.push(`#${row.active.id} ${row.active.status}`)
  if (row.waiting.length) parts.push(`${row.waiting.length} waiting`)
  const forRunner = runner ? row.waiting.filter((deployment) => deployment.status === 'queued') : []
  if (forRunner.length) parts.push(`${forRunner.map((deployment) => `#${deployment.id}`).join(', ')} waiting for a runner (waka execute)`)
  if (row.lease?.hold) parts.push(`held by ${row.lease.hold.by}: ${row.lease.hold.reason}`)
  if (row.freeze) parts.push(`frozen by ${row.freeze.by}: ${row.freeze.reason}`)
  if (row.autoDeployPause) parts.push('auto-deploy paused')
  return parts.join('; ') || '-'
}

const render = (io: Io, report: StatusReport, runners: ReadonlySet<string>): string => {
  const rows = report.targets.map((row) => [
    row.service,
    row.environment,
    row.live ? describeRelease(row.live.release) : '-',
    row.live ? formatTime(io, row.live.since) : '-',
    row.latest ? `#${row.latest.id} ${formatStatus(io, row.latest.status)}` : '-',
    notes(row, runners.has(row.environment)),
  ])
  const table = formatTable(io, ['service', 'environment', 'live', 'since', 'latest', 'notes'], rows)
  if (!report.pendingApprovals.length) return table
  const pending = report.pendingApprovals.map(({ deployment, tally }) => {
    const waitedMs = Date.now() - Date.parse(deployment.createdAt)
    return `  #${deployment.id} ${deployment.kind} of ${deployment.service} ${deployment.releaseVersion} into ${deployment.environment}: approvals ${tally.approvedBy.length}/${tally.required}, requested by ${deployment.requestedBy} ${formatDuration(waitedMs)} ago`
  })
  return `${table}\n\nwaiting for approval:\n${pending.join('\n')}`
}

/** One line per target: each host's live release, and drift where it differs from the ledger. */
const renderHosts = (rows: readonly TargetHosts[]): string =>
  rows
    .map((row) => {
      const hosts = row.hosts.map((host) => `${host.target} ${host.error === null ? (host.live ?? 'nothing live') : `unreachable (${host.error.split('\n')[0] ?? ''})`}${host.drift ? ' (DRIFT)' : ''}`)
      const summary = row.drifted > 0 ? `${row.drifted} of ${row.hosts.length} hosts drifted from ${row.ledger ? describeRelease(row.ledger) : 'nothing live'}` : 'as the ledger says'
      return `${row.service} in ${row.environment}: ${summary}\n  ${hosts.join('\n  ')}`
    })
    .join('\n')

export const registerStatus = (program: Command, context: CliContext): void => {
  program
    .command('status')
    .description('what runs where: the live release of every service in every environment, queues, holds, freezes and pending approvals')
    .argument('[service]')
    .option('--hosts', "also ask each target's hosts what they run, and show drift from the ledger")
    .action(
      action(async (service: string | undefined, options: { hosts?: boolean }) => {
        const client = await context.client()
        const report = await client.status({ service: service ?? null })
        const hosts = options.hosts ? await client.targetHosts({ service: service ?? null }) : null
        const runners = new Set(client.pipeline.environments.filter((environment) => environment.executor === 'runner').map((environment) => environment.name))
        if (context.globals().json) out(context.io, JSON.stringify(hosts === null ? report : { ...report, hosts }, null, 2))
        else out(context.io, hosts === null ? render(context.io, report, runners) : `${render(context.io, report, runners)}\n\n${renderHosts(hosts)}`)
        return hosts?.some((row) => row.drifted > 0) ? EXIT.failed : EXIT.ok
      }),
    )
}
