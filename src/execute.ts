/**
 * The runner's composition root (executor mode): runs one deployment of an `executor: runner`
 * environment on this machine — the driver from the checkout's waka.yml, secret values from this
 * process's environment, the release's bytes fetched from the server and checked against its
 * digest — and records every step through the server's API, which still decides the gates, the
 * lock and the ledger. `waka execute` and the GitHub Action's `command: execute` call it.
 */
import { join, resolve } from 'node:path'
import { requireTarget } from './app/lookup.ts'
import { createArtifactStore } from './artifacts/artifact-store.ts'
import { createTransport, type BearerToken } from './client/http-transport.ts'
import { fetchArtifact } from './client/remote-artifact.ts'
import { claimRemote, remoteRecorder } from './client/remote-recorder.ts'
import { loadConfigFile } from './config/load.ts'
import type { Deployment } from './core/deployment/deployment.ts'
import { createDriver } from './drivers/registry.ts'
import { imageArtifactSource } from './drivers/driver.ts'
import type { EngineObserver } from './engine/events.ts'
import { runSteps } from './engine/run-steps.ts'
import { environmentSecrets, resolveSecrets } from './engine/secrets.ts'

export interface ExecuteOptions {
  /** The checkout's waka.yml: where the target's driver settings, variables, secret names and health check come from. */
  readonly configPath: string
  readonly baseUrl: string
  readonly token: BearerToken
  readonly deploymentId: number
  /** Where secret values come from (`WAKA_SECRET_<ENVIRONMENT>_<NAME>`) and `WAKA_STATE_DIR`. */
  readonly env: NodeJS.ProcessEnv
  readonly observer: EngineObserver
}

/** Claims the deployment on the server, runs its steps here, and returns how it ended there. */
export const executeDeployment = async (options: ExecuteOptions): Promise<Deployment> => {
  const loaded = await loadConfigFile(options.configPath)
  const transport = createTransport({ baseUrl: options.baseUrl, token: options.token })
  const claim = await claimRemote(transport, options.deploymentId)
  const { deployment, epoch, release } = claim
  const { service, environment } = deployment
  const stateDir = resolve(options.env['WAKA_STATE_DIR'] ?? join(loaded.dir, '.waka'))
  const recorder = remoteRecorder({ transport, claim, clock: { now: () => new Date() }, observer: options.observer })
  return runSteps({
    deployment,
    epoch,
    recorder,
    observer: options.observer,
    failpoints: new Set(),
    plan: async () => {
      const target = requireTarget(loaded.policy, service, environment)
      const secrets = resolveSecrets(environmentSecrets(options.env), environment, target.secrets)
      recorder.log.maskSecrets(Object.values(secrets))
      if (loaded.policy.environments[environment]?.executor !== 'runner')
        recorder.log.warn(`the runner's ${loaded.file} does not say executor: runner for ${environment}; running it here as the server asked`)
      recorder.log.info(`running on the runner: the ${target.driver.type} driver from ${loaded.file}`)
      return {
        target,
        driver: createDriver(target.driver, { service, environment, configDir: loaded.dir, stateDir }),
        artifact:
          release.artifact.kind === 'image'
            ? imageArtifactSource(release.digest)
            : await fetchArtifact(transport, createArtifactStore(join(stateDir, 'artifacts')), release.digest),
        secrets,
        release,
        previous: claim.previousRelease,
        lastVerified: claim.lastVerifiedRelease,
        keepReleases: loaded.policy.environments[environment]?.rollback.keepReleases ?? 5,
      }
    },
  })
}
