import type { Command } from 'commander'
import { isDeploymentStatus, type DeploymentStatus } from '../../core/deployment/deployment-machine.ts'
import { WakaError } from '../../core/errors.ts'
import { action, parseCount, parseId } from '../action.ts'
import type { CliContext } from '../context.ts'
import { EXIT } from '../output/exit-codes.ts'
import { formatStatus, formatTable, formatTime } from '../output/format.ts'
import { out } from '../output/io.ts'

interface HistoryOptions {
  status?: string
  limit: number
  before?: number
}

const parseStatuses = (text: string | undefined): DeploymentStatus[] | null => {
  if (text === undefined) return null
  const statuses = text.split(',').map((status) => status.trim())
  const unknown = statuses.find((status) => !isDeploymentStatus(status))
  if (unknown !== undefined) throw new WakaError('INVALID_ARGUMENT', `--status: unknown status ${JSON.stringify(unknown)}`)
  return statuses as DeploymentStatus[]
}

export const registerHistory = (program: Command, context: CliContext): void => {
  program
    .command('history')
    .description('deployments, newest first')
    .argument('[service]', 'a service (or an environment, when it is the only argument)')
    .argument('[environment]')
    .option('--status <list>', 'only these statuses, comma-separated (e.g. failed,interrupted)')
    .option('--limit <n>', 'how many (1-10000)', parseCount, 20)
    .option('--before <id>', 'only deployments older than this id (paging)', (text: string) => parseId(text))
    .action(
      action(async (first: string | undefined, second: string | undefined, options: HistoryOptions) => {
        const client = await context.client()
        // `waka history production` filters by environment when no service has that name
        const { services, environments } = client.pipeline
        const environmentOnly = first !== undefined && second === undefined && !services.some((s) => s.name === first) && environments.some((e) => e.name === first)
        const rows = await client.history({
          service: environmentOnly ? null : (first ?? null),
          environment: environmentOnly ? (first ?? null) : (second ?? null),
          statuses: parseStatuses(options.status),
          limit: options.limit,
          beforeId: options.before ?? null,
        })
        if (context.globals().json) out(context.io, JSON.stringify(rows, null, 2))
        else
          out(
            context.io,
            formatTable(
              context.io,
              ['id', 'service', 'environment', 'kind', 'release', 'status', 'by', 'created', 'reason'],
              rows.map((d) => [
                `#${d.id}`,
                d.service,
                d.environment,
                d.kind,
                d.releaseVersion,
                formatStatus(context.io, d.status),
                d.requestedBy,
                formatTime(context.io, d.createdAt),
                d.statusReason ?? '',
              ]),
            ),
          )
        return EXIT.ok
      }),
    )
}
