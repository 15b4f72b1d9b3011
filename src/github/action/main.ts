/**
 * The Waka GitHub Action. It authenticates with the job's OIDC token (a fresh one per request:
 * Waka accepts each token once), never a stored secret, runs one command, writes the job summary
 * and sets outputs. Bundled into dist/action/index.mjs by scripts/build-action.mjs.
 */
import * as core from '@actions/core'
import { resolve } from 'node:path'
import { createHttpClient } from '../../client/http-client.ts'
import { isTerminal } from '../../core/deployment/deployment-machine.ts'
import type { EngineEvent } from '../../engine/events.ts'
import { executeDeployment } from '../../execute.ts'
import { readInputs } from './inputs.ts'
import { runCommand } from './run-command.ts'
import { primaryOf, summaryMarkdown } from './summary.ts'

const FAILED = new Set(['failed', 'errored', 'interrupted', 'rejected', 'cancelled', 'superseded'])

/** What a deployment run on this runner does, in the job log (lines masked before they got here). */
const report = (event: EngineEvent): void => {
  if (event.type === 'transition') core.info(`#${event.deployment.id} ${event.deployment.status}: ${event.deployment.statusReason ?? ''}`)
  else if (event.type === 'log') core.info(`[#${event.deploymentId}] ${event.line.source === 'engine' ? '' : `${event.line.source}: `}${event.line.message}`)
  else if (event.type === 'fault') core.warning(`#${event.deploymentId ?? '-'}: ${event.message}`)
}

const run = async (): Promise<void> => {
  const inputs = readInputs(process.env)
  const client = await createHttpClient({ baseUrl: inputs['server-url'], token: () => core.getIDToken(inputs.audience) })
  core.info(`waka ${inputs.command} as ${client.actor} on ${inputs['server-url']}`)
  const token = () => core.getIDToken(inputs.audience)
  const workspace = process.env['GITHUB_WORKSPACE'] ?? process.cwd()
  // executor mode: the deployment runs here, with the checkout's waka.yml and this job's secrets
  const runHere = (deploymentId: number) =>
    executeDeployment({ configPath: resolve(workspace, inputs.config), baseUrl: inputs['server-url'], token, deploymentId, env: process.env, observer: report })
  const result = await runCommand(client, inputs, process.env, runHere)
  const dashboard = (inputs['dashboard-url'] ?? inputs['server-url']).replace(/\/+$/, '')
  await core.summary.addRaw(summaryMarkdown(inputs.command, result, dashboard)).write()
  if (result.release) {
    core.setOutput('release-version', result.release.version)
    core.setOutput('release-digest', result.release.digest)
  }
  const primary = primaryOf(result.deployments)
  if (primary) {
    core.setOutput('deployment-id', String(primary.id))
    core.setOutput('state', primary.status)
  }
  for (const deployment of result.deployments) core.info(`#${deployment.id} ${deployment.service} ${deployment.environment}: ${deployment.status} ${deployment.statusReason ?? ''}`)
  const failed = result.deployments.find((deployment) => FAILED.has(deployment.status))
  if (failed) core.setFailed(`deployment #${failed.id} ${failed.status}: ${failed.statusReason ?? ''}`)
  else if (inputs.wait === 'true' && primary && !isTerminal(primary.status) && inputs.command !== 'status')
    core.notice(`deployment #${primary.id} is ${primary.status}: ${primary.statusReason ?? ''}`)
}

run().catch((error: unknown) => core.setFailed(error instanceof Error ? error.message : String(error)))
