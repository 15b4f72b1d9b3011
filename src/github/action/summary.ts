import type { Deployment } from '../../core/deployment/deployment.ts'
import type { CommandResult } from './run-command.ts'

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')

/** The job summary: what was released and where each deployment stands, linked to the dashboard. */
export const summaryMarkdown = (command: string, result: CommandResult, dashboardUrl: string): string => {
  const lines = [`### Waka: ${command}`, '']
  if (result.release) lines.push(`Release **${cell(result.release.version)}** \`${result.release.digest}\``, '')
  if (result.deployments.length) {
    lines.push('| deployment | service | environment | release | status | reason |', '|---|---|---|---|---|---|')
    for (const deployment of result.deployments)
      lines.push(
        `| [#${deployment.id}](${dashboardUrl}/deployments/${deployment.id}) | ${cell(deployment.service)} | ${cell(deployment.environment)} | ${cell(deployment.releaseVersion)} | **${deployment.status}** | ${cell(deployment.statusReason ?? '')} |`,
      )
    lines.push('')
  }
  for (const note of result.notes) lines.push(`- ${cell(note)}`)
  lines.push('', `[Open the Waka dashboard](${dashboardUrl}/)`)
  return `${lines.join('\n')}\n`
}

/** The outcome the step reports: the last deployment the command followed. */
export const primaryOf = (deployments: readonly Deployment[]): Deployment | null => deployments[0] ?? null
