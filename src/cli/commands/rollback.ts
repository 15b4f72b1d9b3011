import type { Command } from 'commander'
import { describeRelease } from '../../core/release/release.ts'
import { action } from '../action.ts'
import type { CliContext } from '../context.ts'
import { EXIT } from '../output/exit-codes.ts'
import { err, out } from '../output/io.ts'
import type { RollbackReadiness } from '../../client/waka-client.ts'
import { confirm } from '../prompts.ts'
import { followAndReport } from '../report.ts'

interface RollbackOptions {
  check?: boolean
  to?: string
  reason?: string
  wait: boolean
}

const MARK = { pass: 'ok     ', fail: 'FAILED ', unknown: 'UNKNOWN' } as const

export const formatReadiness = (readiness: RollbackReadiness): string =>
  [
    `rollback of ${readiness.service} in ${readiness.environment}: ${readiness.ready ? 'ready' : 'NOT READY'}`,
    ...readiness.checks.map((check) => `  ${MARK[check.verdict]} ${check.check.padEnd(10)} ${check.message}`),
    ...readiness.targets.map((target) => `  ${target.target}: ${target.state}${target.state === 'verified' ? '' : ` (${target.message})`}`),
  ].join('\n')

export const registerRollback = (program: Command, context: CliContext): void => {
  program
    .command('rollback')
    .description('roll a service back to the previous release verified in an environment (rollbacks pass freezes and windows)')
    .argument('<service>')
    .argument('<environment>')
    .option('--check', 'only check whether a rollback would work (release known, not quarantined, intact on every target); exit 1 when not')
    .option('--to <version|digest>', 'a specific release that succeeded in this environment before')
    .option('--reason <text>', 'why, for the audit log')
    .option('--no-wait', 'return once requested instead of following it to the end')
    .action(
      action(async (service: string, environment: string, options: RollbackOptions) => {
        const client = await context.client()
        if (options.check) {
          const readiness = await client.rollbackReadiness({ service, environment, moment: 'now' })
          out(context.io, context.globals().json ? JSON.stringify(readiness, null, 2) : formatReadiness(readiness))
          return readiness.ready ? EXIT.ok : EXIT.failed
        }
        const target = await client.previewRollback({ service, environment, to: options.to ?? null })
        if (client.pipeline.environments.find((e) => e.name === environment)?.confirm)
          await confirm(context, `Roll ${service} in ${environment} back to ${describeRelease(target)}?`)
        err(context.io, `rolling ${service} in ${environment} back to ${describeRelease(target)}`)
        const requested = await client.rollback({ service, environment, to: options.to ?? null, reason: options.reason ?? null })
        return followAndReport(context, client, [requested], { wait: options.wait })
      }),
    )
}
