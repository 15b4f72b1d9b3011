/**
 * Mirrors Waka's deployments to GitHub's Deployments API: one GitHub deployment per Waka
 * deployment, a status per state change, the dashboard as the log URL. GitHub's environment page
 * then shows what really runs. The mirror never holds up or fails a deployment: it works behind
 * the engine, in order per deployment, and a failure to reach GitHub is logged and retried.
 */
import { Octokit } from '@octokit/rest'
import type { Deployment } from '../../core/deployment/deployment.ts'
import type { DeploymentsMirrorPolicy, WakaPolicy } from '../../core/policy.ts'
import type { StoreReader } from '../../core/store.ts'
import type { EngineEvent } from '../../engine/events.ts'
import { GITHUB_STATE_BY_STATUS } from './github-state.ts'

export interface MirrorLog {
  warn(fields: Record<string, unknown>, message: string): void
}

export interface DeploymentsMirror {
  readonly onEvent: (event: EngineEvent) => void
  /** Resolves when everything sent so far has been mirrored (or given up on). */
  settle(): Promise<void>
}

const ATTEMPTS = 3

export const createDeploymentsMirror = (options: {
  policy: WakaPolicy
  mirror: DeploymentsMirrorPolicy
  token: string
  store: StoreReader
  log: MirrorLog
}): DeploymentsMirror => {
  const { policy, mirror, store, log } = options
  const octokit = new Octokit({ auth: options.token, baseUrl: mirror.api, userAgent: 'waka', request: { retries: 0 } })
  const githubIds = new Map<number, number>()
  const chains = new Map<number, Promise<void>>()
  const lastState = new Map<number, string>()
  const link = (deployment: Deployment) => (mirror.dashboard ? `${mirror.dashboard.replace(/\/+$/, '')}/deployments/${deployment.id}` : undefined)

  const repositoryOf = (deployment: Deployment) => {
    const name = policy.services[deployment.service]?.repository?.name
    const [owner, repo] = name?.split('/') ?? []
    return owner && repo ? { owner, repo } : null
  }

  const githubDeployment = async (deployment: Deployment, target: { owner: string; repo: string }): Promise<number> => {
    const known = githubIds.get(deployment.id)
    if (known !== undefined) return known
    const release = await store.getRelease(deployment.releaseId)
    const environment = policy.environments[deployment.environment]
    const created = await octokit.rest.repos.createDeployment({
      ...target,
      ref: release?.source.commit ?? release?.source.branch ?? deployment.releaseVersion,
      environment: deployment.environment,
      description: `Waka #${deployment.id}: ${deployment.kind} of ${deployment.releaseVersion} (${deployment.releaseDigest.slice(0, 19)})`,
      auto_merge: false,
      required_contexts: [],
      transient_environment: false,
      production_environment: environment !== undefined && !Object.values(policy.environments).some((other) => other.promoteFrom === environment.name),
      payload: { waka: { deployment: deployment.id, digest: deployment.releaseDigest, version: deployment.releaseVersion } },
    })
    if (created.status !== 201 || !('id' in created.data)) throw new Error(`GitHub did not create a deployment (${created.status})`)
    githubIds.set(deployment.id, created.data.id)
    return created.data.id
  }

  const mirrorOne = async (deployment: Deployment): Promise<void> => {
    const target = repositoryOf(deployment)
    const state = GITHUB_STATE_BY_STATUS[deployment.status]
    if (!target || lastState.get(deployment.id) === state) return
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        const id = await githubDeployment(deployment, target)
        const url = link(deployment)
        await octokit.rest.repos.createDeploymentStatus({
          ...target,
          deployment_id: id,
          state,
          description: (deployment.statusReason ?? deployment.status).slice(0, 140),
          environment: deployment.environment,
          auto_inactive: state === 'success',
          ...(url ? { log_url: url } : {}),
        })
        lastState.set(deployment.id, state)
        return
      } catch (error) {
        if (attempt === ATTEMPTS)
          log.warn({ deployment: deployment.id, state, error: error instanceof Error ? error.message : String(error) }, 'could not mirror the deployment to GitHub')
        else await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt))
      }
    }
  }

  return {
    onEvent: (event) => {
      if (event.type !== 'transition') return
      const { deployment } = event
      const previous = chains.get(deployment.id) ?? Promise.resolve()
      chains.set(deployment.id, previous.then(() => mirrorOne(deployment)))
    },
    settle: async () => {
      await Promise.all(chains.values())
    },
  }
}
