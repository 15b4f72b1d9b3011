import type { Command } from 'commander'
import type { LogLine } from '../../core/store.ts'
import { action, parseId } from '../action.ts'
import type { CliContext } from '../context.ts'
import { EXIT } from '../output/exit-codes.ts'
import { formatStatus } from '../output/format.ts'
import { out, paint } from '../output/io.ts'
import { outcomeLine } from '../report.ts'

const PAGE = 1000

export const registerLogs = (program: Command, context: CliContext): void => {
  program
    .command('logs')
    .description("a deployment's timeline and log (secrets are masked before anything is stored)")
    .argument('<deployment>', 'deployment id')
    .option('--follow', 'keep following until the deployment settles')
    .action(
      action(async (id: string, options: { follow?: boolean }) => {
        const client = await context.client()
        const deploymentId = parseId(id)
        if (options.follow) await client.follow([deploymentId], { signal: context.interrupt })
        const detail = await client.deployment(deploymentId)
        const lines: LogLine[] = []
        for (let after = 0; ; ) {
          const page = await client.logs({ deploymentId, afterSeq: after, limit: PAGE })
          lines.push(...page)
          if (page.length < PAGE) break
          after = page.at(-1)?.seq ?? after
        }
        if (context.globals().json) {
          out(context.io, JSON.stringify({ ...detail, logs: lines }, null, 2))
          return EXIT.ok
        }
        const { io } = context
        out(io, outcomeLine(context, detail.deployment))
        out(io, `requested by ${detail.deployment.requestedBy} at ${detail.deployment.createdAt}${detail.deployment.reason ? ` — ${detail.deployment.reason}` : ''}`)
        for (const approval of detail.approvals)
          out(io, `${approval.decision === 'approve' ? 'approved' : 'rejected'} by ${approval.actor} at ${approval.createdAt}${approval.comment ? ` — ${approval.comment}` : ''}`)
        for (const step of detail.steps)
          out(io, `step ${step.name} (epoch ${step.epoch}): ${step.status} ${step.startedAt} → ${step.finishedAt ?? '…'}${step.detail ? ` — ${step.detail}` : ''}`)
        for (const line of lines) {
          const text = `${line.at} ${line.level.padEnd(5)} ${line.source.padEnd(10)} ${line.message}`
          out(io, line.level === 'error' ? paint(io, 'red', text) : line.level === 'warn' ? paint(io, 'yellow', text) : text)
        }
        for (const rollback of detail.rollbacks) out(io, `caused rollback #${rollback.id}: ${formatStatus(io, rollback.status)}`)
        return EXIT.ok
      }),
    )
}
