import type { Command } from 'commander'
import { parseDuration } from '../../core/duration.ts'
import { WakaError } from '../../core/errors.ts'
import { describeRelease } from '../../core/release/release.ts'
import { action, parseId } from '../action.ts'
import type { CliContext } from '../context.ts'
import { EXIT } from '../output/exit-codes.ts'
import { out } from '../output/io.ts'
import { confirm } from '../prompts.ts'
import { outcomeLine } from '../report.ts'

interface ReasonOption {
  reason?: string
}

/** hold/unhold, freeze/unfreeze, quarantine, resume and cancel: the levers an on-call engineer pulls. */
export const registerControls = (program: Command, context: CliContext): void => {
  program
    .command('hold')
    .description('hold the lock of a service in an environment: deployments queue behind it until unhold')
    .argument('<service>')
    .argument('<environment>')
    .requiredOption('--reason <text>', 'why')
    .action(
      action(async (service: string, environment: string, options: ReasonOption) => {
        await (await context.client()).hold({ service, environment, reason: options.reason ?? null })
        out(context.io, `${service} in ${environment} is held: ${options.reason ?? ''}`)
        return EXIT.ok
      }),
    )
  program
    .command('unhold')
    .description('lift a hold; queued deployments run again')
    .argument('<service>')
    .argument('<environment>')
    .option('--reason <text>', 'why')
    .action(
      action(async (service: string, environment: string, options: ReasonOption) => {
        await (await context.client()).unhold({ service, environment, reason: options.reason ?? null })
        out(context.io, `${service} in ${environment} is no longer held`)
        return EXIT.ok
      }),
    )
  program
    .command('freeze')
    .description('freeze an environment: nothing deploys into it except rollbacks')
    .argument('<environment>')
    .requiredOption('--reason <text>', 'why')
    .option('--for <duration>', 'lift by itself after this long, e.g. 2h')
    .action(
      action(async (environment: string, options: ReasonOption & { for?: string }) => {
        const forMs = options.for === undefined ? null : parseDuration(options.for)
        if (forMs === null && options.for !== undefined) throw new WakaError('INVALID_ARGUMENT', `--for: expected a duration like 2h, got ${JSON.stringify(options.for)}`)
        const freeze = await (await context.client()).freeze({ environment, reason: options.reason ?? null, forMs })
        out(context.io, `${environment} is frozen ${freeze.expiresAt ? `until ${freeze.expiresAt}` : 'until unfrozen'}: ${freeze.reason}`)
        return EXIT.ok
      }),
    )
  program
    .command('unfreeze')
    .description('lift a freeze')
    .argument('<environment>')
    .option('--reason <text>', 'why')
    .action(
      action(async (environment: string, options: ReasonOption) => {
        await (await context.client()).unfreeze({ environment, reason: options.reason ?? null })
        out(context.io, `${environment} is no longer frozen`)
        return EXIT.ok
      }),
    )
  program
    .command('quarantine')
    .description('quarantine a release so that no path (deploy, promotion, rollback) can put it anywhere again')
    .argument('<service>')
    .argument('<release>', 'version label or digest prefix')
    .requiredOption('--reason <text>', 'why')
    .option('--lift', 'lift the quarantine instead')
    .action(
      action(async (service: string, release: string, options: ReasonOption & { lift?: boolean }) => {
        const client = await context.client()
        if (options.lift) await confirm(context, `Lift the quarantine of ${service} ${release}?`)
        const record = await client.quarantine({ service, release, reason: options.reason ?? null, lift: Boolean(options.lift) })
        const named = await client.previewDeploy({ service, release })
        out(context.io, record ? `${service} ${describeRelease(named)} is quarantined: ${record.reason}` : `${service} ${describeRelease(named)} is no longer quarantined`)
        return EXIT.ok
      }),
    )
  program
    .command('resume')
    .description('resume auto-deploy of a service into an environment after an automatic rollback paused it')
    .argument('<service>')
    .argument('<environment>')
    .option('--reason <text>', 'why')
    .action(
      action(async (service: string, environment: string, options: ReasonOption) => {
        await (await context.client()).resume({ service, environment, reason: options.reason ?? null })
        out(context.io, `auto-deploy of ${service} into ${environment} resumed`)
        return EXIT.ok
      }),
    )
  program
    .command('cancel')
    .description('cancel a deployment that has not started')
    .argument('<deployment>', 'deployment id')
    .option('--reason <text>', 'why')
    .action(
      action(async (id: string, options: ReasonOption) => {
        const deployment = await (await context.client()).cancel({ deploymentId: parseId(id), reason: options.reason ?? null })
        out(context.io, outcomeLine(context, deployment))
        return EXIT.ok
      }),
    )
}
