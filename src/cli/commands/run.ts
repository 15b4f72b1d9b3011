import type { Command } from 'commander'
import { action } from '../action.ts'
import type { CliContext } from '../context.ts'
import { EXIT } from '../output/exit-codes.ts'
import { err } from '../output/io.ts'
import { lineProgress } from '../output/progress.ts'

export const registerRun = (program: Command, context: CliContext): void => {
  program
    .command('run')
    .description('run queued deployments whose gates have opened (embedded mode: nothing else runs them between commands)')
    .option('--watch', 'keep running until interrupted, like a small server')
    .action(
      action(async (options: { watch?: boolean }) => {
        const client = await context.client()
        if (options.watch) err(context.io, 'running deployments as they become runnable; Ctrl-C to stop')
        await client.runEngine({ watch: Boolean(options.watch), signal: context.interrupt, onEvent: lineProgress(context.io).onEvent })
        return EXIT.ok
      }),
    )
}
