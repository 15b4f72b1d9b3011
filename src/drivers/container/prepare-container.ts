/**
 * Prepare for one release: the image pulled by digest (skipped when the engine holds it) and its
 * container created, not started. A stopped container is created afresh so it reads the current
 * variables and secrets; a running one is live and left alone.
 */
import type { RegistryCredentials } from '../../core/image-registry.ts'
import { DriverFailure, type DriverScope, type StepContext } from '../driver.ts'
import type { ContainerDriverSettings } from '../../settings/container-settings.ts'
import { containerName, hasImage, labelArgs, listReleaseContainers } from './container-state.ts'
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
}): Promise<void> => {
  const { engine, settings, scope, context } = input
  const { release, signal } = context
  const image = release.image
  if (image === null)
    throw new DriverFailure('ARTIFACT_INVALID', `${release.dirName} is not an image release: the container driver runs images (waka release create --image)`)
  if (!(await hasImage(engine, image, signal))) {
    context.log.info(`pulling ${image}`, 'container')
    await pullImage({ engine, image, credentials: credentialsOf(settings, context.secrets), tlsVerify: settings.tlsVerify, signal })
  }
  const name = containerName(scope, release)
  const existing = (await listReleaseContainers(engine, scope, signal)).find((container) => container.name === name)
  if (existing?.running) return
  if (existing) await engine.check(`replacing the stopped ${name}`, ['rm', '-f', name], { signal })
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
  await withPrivateFiles(async (files) => {
    const envFile = await files.write('env', envFileText(environment))
    await engine.check(
      `creating ${name}`,
      ['create', '--name', name, '--env-file', envFile, '-p', publish, ...network, ...labelArgs(scope, release, image, context.deploymentId), ...(settings.runArgs ?? []), image, ...(settings.command ?? [])],
      { signal },
    )
  })
}
