import type { Command } from 'commander'
import { describeRelease } from '../../core/release/release.ts'
import { action } from '../action.ts'
import type { CliContext } from '../context.ts'
import { err } from '../output/io.ts'
import { confirm } from '../prompts.ts'
import { followAndReport } from '../report.ts'

interface RollbackOptions {
  to?: string
  reason?: string
  wait: boolean
}

export const registerRollback = (program: Command, context: CliContext): void => {
  program
    .command('rollback')
    .description('roll a service back to the previous release verified in an environment (rollbacks pass freezes and windows)')
    .argument('<service>')
    .argument('<environment>')
    .option('--to <version|digest>', 'a specific release that succeeded in this environment before')
    .option('--reason <text>', 'why, for the audit log')
    .option('--no-wait', 'return once requested instead of following it to the end')
    .action(
      action(async (service: string, environment: string, options: RollbackOptions) => {
        const client = await context.client()
        const target = await client.previewRollback({ service, environment, to: options.to ?? null })
        if (client.pipeline.environments.find((e) => e.name === environment)?.confirm)
          await confirm(context, `Roll ${service} in ${environment} back to ${describeRelease(target)}?`)
        err(context.io, `rolling ${service} in ${environment} back to ${describeRelease(target)}`)
        const requested = await client.rollback({ service, environment, to: options.to ?? null, reason: options.reason ?? null })
        return followAndReport(context, client, [requested], { wait: options.wait })
      }),
    )
}
