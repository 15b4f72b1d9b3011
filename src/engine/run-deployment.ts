import type { Claimed } from '../app/claim.ts'
import { liveDeployment } from '../app/history.ts'
import { requireRelease, requireTarget } from '../app/lookup.ts'
import type { Deployment } from '../core/deployment/deployment.ts'
import { imageArtifactSource } from '../drivers/driver.ts'
import type { EngineDeps } from './engine-deps.ts'
import { localRecorder } from './local-recorder.ts'
import { runSteps } from './run-steps.ts'
import { resolveSecrets } from './secrets.ts'

/**
 * Runs one claimed deployment on this process's drivers, recording straight into the ledger: the
 * step sequence of run-steps.ts with the local recorder, the lease renewed while it runs.
 */
export const runDeployment = (deps: EngineDeps, claimed: Claimed): Promise<Deployment> => {
  const { app, observer } = deps
  const { store } = app
  const { deployment, epoch } = claimed
  const { service, environment } = deployment
  const lease = { service, environment, deploymentId: deployment.id, epoch }
  const recorder = localRecorder({ app, lease, leaseTtlMs: deps.leaseTtlMs, observer })
  return runSteps({
    deployment,
    epoch,
    recorder,
    observer,
    failpoints: deps.failpoints,
    plan: async () => {
      const target = requireTarget(app.policy, service, environment)
      const secrets = resolveSecrets(deps.secrets, environment, target.secrets)
      recorder.log.maskSecrets(Object.values(secrets))
      const release = await requireRelease(store, deployment.releaseId)
      const previous = deployment.previousReleaseId === null ? null : await requireRelease(store, deployment.previousReleaseId)
      const verifiedBefore = await liveDeployment(store, service, environment)
      const lastVerified = verifiedBefore === null ? null : await requireRelease(store, verifiedBefore.releaseId)
      return {
        target,
        driver: deps.driverFor(service, environment),
        artifact: release.artifact.kind === 'image' ? imageArtifactSource(release.digest) : await deps.openArtifact(release.digest),
        secrets,
        release,
        previous,
        lastVerified,
        keepReleases: app.policy.environments[environment]?.rollback.keepReleases ?? 5,
      }
    },
  })
}
