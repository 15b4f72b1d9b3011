import { resolve } from 'node:path'
import type { Deployment } from '../../core/deployment/deployment.ts'
import { isTerminal } from '../../core/deployment/deployment-machine.ts'
import { abortableSleep } from '../../health/sleep.ts'
import type { Release } from '../../core/release/release.ts'
import type { WakaClient } from '../../client/waka-client.ts'
import { executeOnRunner, type RunHere } from './execute.ts'
import { required, type ActionInputs } from './inputs.ts'
import { actionCommitTime } from './commit-time.ts'

export interface CommandResult {
  readonly release: Pick<Release, 'version' | 'digest'> | null
  readonly deployments: readonly Deployment[]
  /** Markdown lines for the job summary besides the standard table. */
  readonly notes: readonly string[]
}

/** Every request costs an OIDC token, so the action asks far less often than the CLI does. */
const POLL_MS = 5_000

/**
 * Waits until the deployments finish (approvals included: a promotion job waits for its reviewers)
 * or the timeout passes; returns where they stand.
 */
const follow = async (client: WakaClient, deployments: readonly Deployment[], inputs: ActionInputs): Promise<Deployment[]> => {
  if (inputs.wait === 'false' || deployments.length === 0) return [...deployments]
  const signal = AbortSignal.timeout(inputs['timeout-minutes'] * 60_000)
  const ids = deployments.map((deployment) => deployment.id)
  for (;;) {
    const current = await client.follow(ids, { signal, pollMs: POLL_MS })
    if (signal.aborted || current.every((deployment) => isTerminal(deployment.status))) return current
    await abortableSleep(POLL_MS, signal)
  }
}

/**
 * Where an environment has `executor: runner` and the action was asked to (`execute: true`), the
 * requested deployment runs on this runner once the server lets it; otherwise the action follows it.
 */
const settle = (client: WakaClient, requested: Deployment, inputs: ActionInputs, runHere: RunHere): Promise<Deployment[]> => {
  const byRunner = client.pipeline.environments.some((environment) => environment.name === requested.environment && environment.executor === 'runner')
  if (inputs.execute === 'true' && byRunner) return executeOnRunner(client, requested.id, { runHere, signal: AbortSignal.timeout(inputs['timeout-minutes'] * 60_000) })
  return follow(client, [requested], inputs)
}

/** One action command, against the server, as the workflow run's OIDC identity. */
export const runCommand = async (client: WakaClient, inputs: ActionInputs, env: NodeJS.ProcessEnv, runHere: RunHere): Promise<CommandResult> => {
  const reason = inputs.reason ?? `${env['GITHUB_WORKFLOW'] ?? 'workflow'} run ${env['GITHUB_RUN_ID'] ?? ''}`.trim()
  switch (inputs.command) {
    case 'release': {
      const workspace = env['GITHUB_WORKSPACE'] ?? process.cwd()
      const created = await client.createRelease({
        service: required(inputs, 'service'),
        version: required(inputs, 'version'),
        artifact: { path: resolve(workspace, required(inputs, 'artifact')) },
        source: {
          repository: env['GITHUB_REPOSITORY'] ?? null,
          commit: env['GITHUB_SHA'] ?? null,
          branch: null,
          committedAt: await actionCommitTime(env, workspace),
          buildUrl: env['GITHUB_SERVER_URL'] && env['GITHUB_RUN_ID'] ? `${env['GITHUB_SERVER_URL']}/${env['GITHUB_REPOSITORY']}/actions/runs/${env['GITHUB_RUN_ID']}` : null,
        },
      })
      const notes = created.skipped.map((skipped) => `not deployed to ${skipped.environment}: ${skipped.reason}`)
      return { release: created.release, deployments: await follow(client, created.deployments.map((requested) => requested.deployment), inputs), notes }
    }
    case 'deploy': {
      const requested = await client.deploy({ service: required(inputs, 'service'), environment: required(inputs, 'environment'), release: inputs.release ?? required(inputs, 'version'), reason })
      return { release: null, deployments: await settle(client, requested.deployment, inputs, runHere), notes: [requested.evaluation.reason] }
    }
    case 'promote': {
      const requested = await client.promote({ service: required(inputs, 'service'), to: required(inputs, 'environment'), from: inputs.from, release: inputs.release, reason })
      return { release: null, deployments: await settle(client, requested.deployment, inputs, runHere), notes: [requested.evaluation.reason] }
    }
    case 'rollback': {
      const requested = await client.rollback({ service: required(inputs, 'service'), environment: required(inputs, 'environment'), to: inputs.release, reason })
      return { release: null, deployments: await settle(client, requested.deployment, inputs, runHere), notes: [] }
    }
    case 'wait': {
      const detail = await client.deployment(Number(required(inputs, 'deployment')))
      return { release: null, deployments: await follow(client, [detail.deployment], { ...inputs, wait: 'true' }), notes: [] }
    }
    case 'execute': {
      const signal = AbortSignal.timeout(inputs['timeout-minutes'] * 60_000)
      return { release: null, deployments: await executeOnRunner(client, Number(required(inputs, 'deployment')), { runHere, signal }), notes: [] }
    }
    case 'status': {
      const report = await client.status({ service: inputs.service })
      const rows = report.targets.filter((row) => inputs.environment === null || row.environment === inputs.environment)
      const notes = rows.map((row) => `${row.service} in ${row.environment}: ${row.live ? `${row.live.release.version} (${row.live.release.digest})` : 'nothing live'}`)
      return { release: null, deployments: rows.flatMap((row) => (row.latest ? [row.latest] : [])), notes }
    }
  }
}
