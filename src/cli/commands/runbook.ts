import type { Command } from 'commander'
import { loadConfigFile } from '../../config/load.ts'
import { WakaError } from '../../core/errors.ts'
import { action } from '../action.ts'
import type { CliContext } from '../context.ts'
import { EXIT } from '../output/exit-codes.ts'
import { out } from '../output/io.ts'
import { renderRunbook } from '../runbook/render-runbook.ts'

export const registerRunbook = (program: Command, context: CliContext): void => {
  program
    .command('runbook')
    .description("print the runbook of one environment, written from waka.yml (its gates, approvers, targets, health checks, rollback policy and the exact commands)")
    .argument('<environment>')
    .action(
      action(async (environment: string) => {
        const { policy } = await loadConfigFile(context.globals().config)
        if (!policy.environments[environment])
          throw new WakaError('NOT_FOUND', `environment ${JSON.stringify(environment)} is not in waka.yml (known: ${Object.keys(policy.environments).join(', ')})`)
        out(context.io, renderRunbook(policy, environment))
        return EXIT.ok
      }),
    )
}
