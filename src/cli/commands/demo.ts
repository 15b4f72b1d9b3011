import type { Command } from 'commander'
import { action } from '../action.ts'
import type { CliContext } from '../context.ts'
import type { ExitCode } from '../output/exit-codes.ts'

export const registerDemo = (program: Command, context: CliContext): void => {
  program
    .command('demo')
    .description('a narrated run on a sample app: staging, approvals, production, a failed health check, automatic and manual rollback')
    .option('--keep', 'leave the sample workspace and its running apps behind to explore')
    .option('--dir <path>', 'where to create the sample workspace (default: a new temporary directory)')
    .action(
      action(async (options: { keep?: boolean; dir?: string }) =>
        (await context.deps.runDemo({ keep: Boolean(options.keep), dir: options.dir ?? null, io: context.io })) as ExitCode,
      ),
    )
}
