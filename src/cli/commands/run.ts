import type { Command } from 'commander'
import { action } from '../action.ts'
import type { CliContext } from '../context.ts'
import type { Deployment } from '../../core/deployment/deployment.ts'
import { isTerminal } from '../../core/deployment/deployment-machine.ts'
import { EXIT, EXIT_CODE_BY_STATUS } from '../output/exit-codes.ts'
import { err, out } from '../output/io.ts'
import { outcomeLine } from '../report.ts'
import { lineProgress } from '../output/progress.ts'

export const registerRun = (program: Command, context: CliContext): void => {
  program
    .command('run')
    .description('run queued deployments whose gates have opened (embedded mode: nothing else runs them between commands); exits 1 if one of them fails')
    .option('--watch', 'keep running until interrupted, like a small server')
    .action(
      action(async (options: { watch?: boolean }) => {
        const client = await context.client()
        // running the engine needs read access somewhere: it only runs what others were allowed to request
        await client.status({ service: null })
        if (options.watch) err(context.io, 'running deployments as they become runnable; Ctrl-C to stop')
        const finished = new Map<number, Deployment>()
        const progress = lineProgress(context.io)
        await client.runEngine({
          watch: Boolean(options.watch),
          signal: context.interrupt,
          onEvent: (event) => {
            progress.onEvent(event)
            if (event.type === 'transition' && isTerminal(event.deployment.status)) finished.set(event.deployment.id, event.deployment)
          },
        })
        for (const deployment of finished.values()) out(context.io, outcomeLine(context, deployment))
        const failed = [...finished.values()].some((deployment) => EXIT_CODE_BY_STATUS[deployment.status] === EXIT.failed)
        return failed ? EXIT.failed : EXIT.ok
      }),
    )
}
