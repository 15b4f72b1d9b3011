import type { Command } from 'commander'
import type { DecideResult } from '../../client/waka-client.ts'
import { action, parseId } from '../action.ts'
import type { CliContext } from '../context.ts'
import { EXIT, EXIT_CODE_BY_STATUS } from '../output/exit-codes.ts'
import { describeDeployment } from '../output/format.ts'
import { err, out } from '../output/io.ts'
import { followAndReport, outcomeLine } from '../report.ts'

interface DecideOptions {
  comment?: string
  wait: boolean
}

const summary = (result: DecideResult): string => {
  const { tally, approval } = result
  const verb = approval.decision === 'approve' ? 'approved' : 'rejected'
  return `${approval.actor} ${verb} ${describeDeployment(result.deployment)}: approvals ${tally.approvedBy.length}/${tally.required}${tally.approvedBy.length ? ` (${tally.approvedBy.join(', ')})` : ''}`
}

export const registerApprove = (program: Command, context: CliContext): void => {
  program
    .command('approve')
    .description('approve a waiting deployment (bound to its release digest; not your own request)')
    .argument('<deployment>', 'deployment id')
    .option('--comment <text>', 'a note for the audit log')
    .option('--no-wait', 'do not run the deployment even if this approval completes its gates')
    .action(
      action(async (id: string, options: DecideOptions) => {
        const client = await context.client()
        const result = await client.decide({ deploymentId: parseId(id), decision: 'approve', comment: options.comment ?? '' })
        err(context.io, summary(result))
        if (result.deployment.status !== 'queued') {
          const json = { approval: result.approval, tally: result.tally, deployments: [result.deployment] }
          out(context.io, context.globals().json ? JSON.stringify(json, null, 2) : outcomeLine(context, result.deployment))
          return EXIT_CODE_BY_STATUS[result.deployment.status]
        }
        const approved = { deployment: result.deployment, evaluation: { checks: [], outcome: 'queued' as const, reason: 'approved' }, superseded: [] }
        return followAndReport(context, client, [approved], { wait: options.wait, announce: false, json: { approval: result.approval, tally: result.tally } })
      }),
    )

  program
    .command('reject')
    .description('reject a waiting deployment, with a comment saying why')
    .argument('<deployment>', 'deployment id')
    .requiredOption('--comment <text>', 'why it is rejected')
    .action(
      action(async (id: string, options: DecideOptions) => {
        const client = await context.client()
        const result = await client.decide({ deploymentId: parseId(id), decision: 'reject', comment: options.comment ?? '' })
        const json = { approval: result.approval, tally: result.tally, deployments: [result.deployment] }
        out(context.io, context.globals().json ? JSON.stringify(json, null, 2) : summary(result))
        return EXIT.ok
      }),
    )
}
