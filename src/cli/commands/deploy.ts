import type { Command } from 'commander'
import { describeRelease } from '../../core/release/release.ts'
import { action } from '../action.ts'
import type { CliContext } from '../context.ts'
import { confirm } from '../prompts.ts'
import { followAndReport } from '../report.ts'

interface DeployOptions {
  release: string
  reason?: string
  wait: boolean
}

interface PromoteOptions {
  to: string
  from?: string
  release?: string
  reason?: string
  wait: boolean
}

export const registerDeploy = (program: Command, context: CliContext): void => {
  program
    .command('deploy')
    .description('deploy a release of a service into an environment (a promotion, with all its gates, where the environment has promoteFrom)')
    .argument('<service>')
    .argument('<environment>')
    .requiredOption('--release <version|digest>', 'the release, by version label or digest prefix')
    .option('--reason <text>', 'why, for the audit log')
    .option('--no-wait', 'return once requested instead of following it to the end')
    .action(
      action(async (service: string, environment: string, options: DeployOptions) => {
        const client = await context.client()
        if (client.pipeline.environments.find((e) => e.name === environment)?.confirm) {
          const release = await client.previewDeploy({ service, release: options.release })
          await confirm(context, `Deploy ${service} ${describeRelease(release)} to ${environment}?`)
        }
        const requested = await client.deploy({ service, environment, release: options.release, reason: options.reason ?? null })
        return followAndReport(context, client, [requested], { wait: options.wait })
      }),
    )

  program
    .command('promote')
    .description('promote the release live upstream (or a named one verified there) into an environment')
    .argument('<service>')
    .requiredOption('--to <environment>', 'the environment to promote into')
    .option('--from <environment>', 'the upstream environment (checked against promoteFrom)')
    .option('--release <version|digest>', 'a release other than the one live upstream')
    .option('--reason <text>', 'why, for the audit log')
    .option('--no-wait', 'return once requested instead of following it to the end')
    .action(
      action(async (service: string, options: PromoteOptions) => {
        const client = await context.client()
        const input = { service, to: options.to, from: options.from ?? null, release: options.release ?? null }
        if (client.pipeline.environments.find((e) => e.name === options.to)?.confirm) {
          const release = await client.previewPromotion(input)
          await confirm(context, `Promote ${service} ${describeRelease(release)} to ${options.to}?`)
        }
        const requested = await client.promote({ ...input, reason: options.reason ?? null })
        return followAndReport(context, client, [requested], { wait: options.wait })
      }),
    )
}
