import type { Command } from 'commander'
import { isWakaError, WakaError } from '../../core/errors.ts'
import { action, parseId } from '../action.ts'
import type { CliContext } from '../context.ts'
import { remoteCredentials } from '../credentials.ts'
import { EXIT, EXIT_CODE_BY_STATUS } from '../output/exit-codes.ts'
import { err, out } from '../output/io.ts'
import { lineProgress } from '../output/progress.ts'
import { outcomeLine } from '../report.ts'

export const registerExecute = (program: Command, context: CliContext): void => {
  program
    .command('execute')
    .description(
      'run a deployment of an executor: runner environment here (a CI runner that can reach its targets), recorded on the server, which still decides its gates and lock; needs WAKA_URL and WAKA_TOKEN',
    )
    .argument('<deployment>', 'deployment id')
    .action(
      action(async (id: string) => {
        const { io } = context
        const configPath = context.globals().config
        const credentials = process.env['WAKA_URL'] ? await remoteCredentials(configPath) : null
        if (!credentials)
          throw new WakaError('INVALID_ARGUMENT', 'waka execute runs a deployment for a waka server: set WAKA_URL and WAKA_TOKEN', {
            hint: 'in embedded mode `waka run` runs queued deployments; executor: runner is for a shared server',
          })
        const progress = lineProgress(io)
        try {
          const deployment = await context.deps.execute({ configPath, credentials, deploymentId: parseId(id), onEvent: progress.onEvent })
          out(io, context.globals().json ? JSON.stringify(deployment, null, 2) : outcomeLine(context, deployment))
          return EXIT_CODE_BY_STATUS[deployment.status]
        } catch (error) {
          // awaiting approval, a soak or a window: not a failure, and a later run may claim it
          if (isWakaError(error) && error.code === 'GATE_BLOCKED') {
            err(io, error.message)
            return EXIT.pending
          }
          throw error
        }
      }),
    )
}
