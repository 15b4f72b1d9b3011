import type { Command } from 'commander'
import { action } from '../action.ts'
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
}
