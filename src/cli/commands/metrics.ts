import type { Command } from 'commander'
import type { DoraReport } from '../../client/waka-client.ts'
import { formatDuration } from '../../core/duration.ts'
import type { DoraFigures } from '../../core/metrics/dora.ts'
import { action } from '../action.ts'
import type { CliContext } from '../context.ts'
import { EXIT } from '../output/exit-codes.ts'
import { formatTable } from '../output/format.ts'
import { err, out } from '../output/io.ts'

interface MetricsOptions {
  env?: string
  service?: string
  since: string
}

const percent = (rate: number | null): string => (rate === null ? '-' : `${(rate * 100).toFixed(rate > 0 && rate < 0.1 ? 1 : 0)}%`)
const median = (ms: number | null): string => (ms === null ? '-' : formatDuration(ms))

const row = (label: string, f: DoraFigures): string[] => [
  label,
  String(f.deployments),
  median(f.leadTime.medianMs),
  f.changes === 0 ? '-' : `${percent(f.changeFailureRate)} (${f.failures}/${f.changes})`,
  f.recovery.unrecovered > 0 ? `${median(f.recovery.medianMs)} (${f.recovery.unrecovered} open)` : median(f.recovery.medianMs),
  percent(f.rework.rate),
]

/** The weekly table for stdout (tab-separated when piped), and the scope and notes for stderr. */
const render = (context: CliContext, report: DoraReport): { table: string; notes: string[] } => {
  const { totals } = report
  const scope = `${report.service ?? 'all services'} in ${report.environments.join(', ')}, ${report.since.slice(0, 10)} → ${report.until.slice(0, 10)} (UTC)`
  const table = formatTable(
    context.io,
    ['week', 'deploys', 'lead time', 'change failure', 'recovery', 'rework'],
    [...report.weeks.map((week) => row(week.week, week)), row('total', totals)],
  )
  const notes = [
    `${totals.deploymentsPerWeek.toFixed(1)} successful deployments a week; times are medians`,
    ...(totals.leadTime.withoutCommitTime > 0 ? [`${totals.leadTime.withoutCommitTime} release(s) without a commit time are not in the lead time`] : []),
    ...report.failures.filter((f) => f.recoveredBy === null).map((f) => `not recovered: #${f.deploymentId} ${f.service} in ${f.environment} (${f.reason.replace('_', ' ')}) since ${f.finishedAt}`),
  ]
  return { table, notes: [scope, ...notes] }
}

export const registerMetrics = (program: Command, context: CliContext): void => {
  program
    .command('metrics')
    .description('DORA metrics from the ledger, per ISO week (UTC): deployment frequency, change lead time, change failure rate, failed-deployment recovery time, rework rate')
    .option('--env <environment>', 'one environment (default: the last environment of every pipeline, e.g. production)')
    .option('--service <service>', 'one service (default: all)')
    .option('--since <when>', 'start of the window: a duration (90d, 12h) or an ISO 8601 date', '90d')
    .action(
      action(async (options: MetricsOptions) => {
        const client = await context.client()
        const report = await client.doraMetrics({ environment: options.env ?? null, service: options.service ?? null, since: options.since })
        if (context.globals().json) {
          out(context.io, JSON.stringify(report, null, 2))
          return EXIT.ok
        }
        const { table, notes } = render(context, report)
        out(context.io, table)
        for (const note of notes) err(context.io, note)
        return EXIT.ok
      }),
    )
}
