/**
 * Prepare for one release: the image pulled by digest (skipped when the engine holds it) and its
 * container created, not started. A stopped container is created afresh so it reads the current
 * variables and secrets; a running one is live and left alone.
 */
import type { RegistryCredentials } from '../../core/image-registry.ts'
import { DriverFailure, type DriverScope, type StepContext } from '../driver.ts'
import type { ContainerDriverSettings } from '../../settings/container-settings.ts'
import { maskSecrets } from '../mask-secrets.ts'
import { configFingerprint } from './config-fingerprint.ts'
import { containerName, containerStatus, LABELS, labelArgs } from './container-state.ts'
import type { EngineCli } from './engine-cli.ts'
import { envFileText, withPrivateFiles } from './private-files.ts'
import { pullImage } from './pull-image.ts'

const credentialsOf = (settings: ContainerDriverSettings, secrets: Readonly<Record<string, string>>): RegistryCredentials | null => {
  if (!settings.registry) return null
  const value = (key: 'username' | 'password'): string => {
    const name = settings.registry?.[key] ?? ''
    const found = secrets[name]
    if (found === undefined || found === '')
      throw new DriverFailure('DRIVER_FAILED', `registry.${key} names the secret ${name}, which this environment does not provide`, {
        hint: `list ${name} in the environment's secrets and set its value where the deployment runs`,
      })
    return found
  }
  return { username: value('username'), password: value('password') }
}

export const prepareContainer = async (input: {
  readonly engine: EngineCli
  readonly settings: ContainerDriverSettings
  readonly scope: DriverScope
  readonly context: StepContext
  /** The HMAC key file of configFingerprint. */
  readonly keyPath: string
}): Promise<void> => {
  const { engine, settings, scope, context } = input
  const { release, signal } = context
  const image = release.image
  if (image === null)
    throw new DriverFailure('ARTIFACT_INVALID', `${release.dirName} is not an image release: the container driver runs images (waka release create --image)`)
  const name = containerName(scope, release)
  const status = await containerStatus(engine, name, signal)
  if (status?.running) return
  const publish = `${settings.bind.includes(':') ? `[${settings.bind}]` : settings.bind}:${settings.hostPort ?? ''}:${settings.port}`
  const network = settings.network ? ['--network', settings.network, '--network-alias', scope.service] : []
  // the registry credentials are for pulling, not for the application
  const registrySecrets = new Set([settings.registry?.username, settings.registry?.password])
  const appSecrets = Object.fromEntries(Object.entries(context.secrets).filter(([name]) => !registrySecrets.has(name)))
  const environment = {
    ...context.variables,
    ...appSecrets,
    WAKA_SERVICE: scope.service,
    WAKA_ENVIRONMENT: scope.environment,
    WAKA_RELEASE_VERSION: release.version,
    WAKA_RELEASE_DIGEST: release.digest,
  }
  const options = ['-p', publish, ...network, ...(settings.runArgs ?? []), image, ...(settings.command ?? [])]
  const fingerprint = await configFingerprint(input.keyPath, options, environment)
  // a stopped container created for the same image, options, variables and secrets is kept: a
  // rollback to it is then a start, nothing else
  if (status?.fingerprint === fingerprint) return
  if (status) await engine.check(`replacing the stopped ${name}`, ['rm', '-f', name], { signal })
  const create = (pull: readonly string[]) =>
    withPrivateFiles(async (files) => {
      const envFile = await files.write('env', envFileText(environment))
      const labels = [...labelArgs(scope, release, image, context.deploymentId), '--label', `${LABELS.fingerprint}=${fingerprint}`]
      return engine.run(['create', ...pull, '--name', name, '--env-file', envFile, ...labels, ...options], { signal })
    })
  // the image is usually here already (a rollback, a second environment): try without pulling first
  if ((await create(['--pull', 'never'])).exitCode === 0) return
  context.log.info(`pulling ${image}`, 'container')
  await pullImage({ engine, image, credentials: credentialsOf(settings, context.secrets), tlsVerify: settings.tlsVerify, signal })
  const created = await create(['--pull', 'never'])
  if (created.exitCode !== 0)
    throw new DriverFailure('DRIVER_FAILED', `creating ${name} failed: ${maskSecrets(created.stderr.slice(-3).join(' | '), context.secrets) || 'no output'}`)
}
