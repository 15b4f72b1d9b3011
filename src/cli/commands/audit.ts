import type { Command } from 'commander'
import { action, parseCount, parseSequence } from '../action.ts'
import { formatTable } from '../output/format.ts'
import type { CliContext } from '../context.ts'
import { EXIT } from '../output/exit-codes.ts'
import { err, out } from '../output/io.ts'

export const registerAudit = (program: Command, context: CliContext): void => {
  const audit = program.command('audit').description('the tamper-evident audit log')
  audit
    .command('verify')
    .description('recompute the hash chain and report the first broken link')
    .action(
      action(async () => {
        const verdict = await (await context.client()).verifyAudit()
        if (context.globals().json) out(context.io, JSON.stringify(verdict, null, 2))
        else if (verdict.ok) out(context.io, `audit log intact: ${verdict.events} events, head ${verdict.head}`)
        else {
          out(context.io, `audit log broken at event ${verdict.brokenAt}: ${verdict.problem}`)
          err(context.io, 'the events before it are intact; everything from it on cannot be trusted')
        }
        return verdict.ok ? EXIT.ok : EXIT.failed
      }),
    )
  audit
    .command('list')
    .description('the audit log, oldest first (use --json to export it)')
    .option('--after <seq>', 'only events after this sequence number', parseSequence, 0)
    .option('--limit <n>', 'how many (1-10000)', parseCount, 100)
    .action(
      action(async (options: { after: number; limit: number }) => {
        const events = await (await context.client()).audit({ afterSeq: options.after, limit: options.limit })
        if (context.globals().json) out(context.io, JSON.stringify(events, null, 2))
        else
          out(
            context.io,
            formatTable(
              context.io,
              ['seq', 'at', 'actor', 'action', 'service', 'environment', 'deployment', 'epoch', 'reason'],
              events.map((e) => [String(e.seq), e.at, e.actor, e.action, e.service ?? '-', e.environment ?? '-', e.deploymentId === null ? '-' : `#${e.deploymentId}`, e.epoch === null ? '-' : String(e.epoch), e.reason ?? '']),
            ),
          )
        return EXIT.ok
      }),
    )
}
