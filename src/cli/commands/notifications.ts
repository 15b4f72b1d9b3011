import { InvalidArgumentError, type Command } from 'commander'
import { DELIVERY_STATES, type DeliveryState } from '../../core/notify/outbox.ts'
import { action, parseCount, parseSequence } from '../action.ts'
import type { CliContext } from '../context.ts'
import { EXIT } from '../output/exit-codes.ts'
import { formatTable } from '../output/format.ts'
import { out } from '../output/io.ts'

const parseState = (text: string): DeliveryState => {
  if ((DELIVERY_STATES as readonly string[]).includes(text)) return text as DeliveryState
  throw new InvalidArgumentError(`expected one of ${DELIVERY_STATES.join(', ')}, got ${JSON.stringify(text)}`)
}

export const registerNotifications = (program: Command, context: CliContext): void => {
  const notifications = program.command('notifications').description('webhooks, Slack messages and CDEvents Waka sends')
  notifications
    .command('deliveries')
    .description('the delivery log, newest first: what went to which target, and how it went')
    .option('--state <state>', `only ${DELIVERY_STATES.join(', ')} deliveries`, parseState)
    .option('--before <id>', 'only deliveries with a smaller id (paging)', parseSequence)
    .option('--limit <n>', 'how many (1-10000)', parseCount, 50)
    .action(
      action(async (options: { state?: DeliveryState; before?: number; limit: number }) => {
        const rows = await (await context.client()).deliveries({
          limit: options.limit,
          ...(options.state === undefined ? {} : { state: options.state }),
          ...(options.before === undefined ? {} : { beforeId: options.before }),
        })
        if (context.globals().json) out(context.io, JSON.stringify(rows, null, 2))
        else
          out(
            context.io,
            formatTable(
              context.io,
              ['id', 'created', 'target', 'event', 'environment', 'deployment', 'state', 'attempts', 'last'],
              rows.map((row) => [
                String(row.id),
                row.createdAt,
                `${row.target} (${row.targetType})`,
                row.event,
                row.environment ?? '-',
                row.deploymentId === null ? '-' : `#${row.deploymentId}`,
                row.state === 'pending' && row.nextAttemptAt ? `pending, next ${row.nextAttemptAt}` : row.state,
                String(row.attempts),
                row.lastError ?? (row.lastStatus === null ? '' : `HTTP ${row.lastStatus}`),
              ]),
            ),
          )
        return EXIT.ok
      }),
    )
}
