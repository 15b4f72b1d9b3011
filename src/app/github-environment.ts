import type { Deployment } from '../core/deployment/deployment.ts'
import type { Identity } from '../core/identity.ts'
import type { AppContext } from './context.ts'
import { audit } from './record.ts'

/**
 * A workflow job that names a GitHub environment runs only after GitHub's own protection rules for
 * it passed (required reviewers, wait timers, branch policies), and its OIDC token then carries
 * that environment. When such a run requests a deployment into the Waka environment of the same
 * name, the ledger records that GitHub's gate was passed, next to Waka's own gates.
 */
export const recordGithubEnvironmentGate = async (context: AppContext, identity: Identity, deployment: Deployment): Promise<boolean> => {
  const { credential } = identity
  if (credential.kind !== 'github' || credential.environment !== deployment.environment) return false
  await context.store.write((tx) =>
    audit(tx, context.clock, {
      actor: identity.name,
      action: 'approval.github-environment',
      service: deployment.service,
      environment: deployment.environment,
      deploymentId: deployment.id,
      releaseDigest: deployment.releaseDigest,
      reason: `GitHub environment ${credential.environment} protection passed for run ${credential.runId}`,
      data: { repository: credential.repository, runId: credential.runId, workflowRef: credential.workflowRef, eventName: credential.eventName, sha: credential.sha },
    }),
  )
  return true
}
