/**
 * Which registry credentials resolve a service's image references when a release is registered:
 * those of the first environment (in pipeline order) whose container driver names registry
 * secrets, read from the same secret source deployments use. Never logged.
 */
import { resolveManifestDigest } from './artifacts/registry/manifest-digest.ts'
import type { RegistryCredentials, ResolveImage } from './core/image-registry.ts'
import type { WakaPolicy } from './core/policy.ts'
import { resolveSecrets, type SecretSource } from './engine/secrets.ts'

const registryNames = (settings: Readonly<Record<string, unknown>>): { username: string; password: string } | null => {
  const registry = settings['registry'] as { username?: unknown; password?: unknown } | undefined
  return settings['type'] === 'container' && typeof registry?.username === 'string' && typeof registry.password === 'string'
    ? { username: registry.username, password: registry.password }
    : null
}

export const registryCredentialsFor = (policy: WakaPolicy, secrets: SecretSource, service: string): RegistryCredentials | null => {
  for (const environment of Object.keys(policy.environments)) {
    const target = policy.services[service]?.targets[environment]
    const names = target ? registryNames(target.driver) : null
    if (!names) continue
    const values = resolveSecrets(secrets, environment, [names.username, names.password])
    return { username: values[names.username] ?? '', password: values[names.password] ?? '' }
  }
  return null
}

export const imageResolver =
  (policy: WakaPolicy, secrets: SecretSource): ResolveImage =>
  (service, reference, signal) =>
    resolveManifestDigest(reference, { credentials: registryCredentialsFor(policy, secrets, service), ...(signal ? { signal } : {}) })
