import type { Deployment } from '../core/deployment/deployment.ts'
import { WakaError } from '../core/errors.ts'
import type { EnvironmentPolicy, ServicePolicy, ServiceTarget, WakaPolicy } from '../core/policy.ts'
import { describeRelease, parseReleaseRef, type Release } from '../core/release/release.ts'
import type { StoreReader } from '../core/store.ts'

const known = (names: readonly string[]): string => (names.length ? names.join(', ') : 'none')

export const requireService = (policy: WakaPolicy, name: string): ServicePolicy => {
  const service = policy.services[name]
  if (!service)
    throw new WakaError('NOT_FOUND', `service ${JSON.stringify(name)} is not in waka.yml (known: ${known(Object.keys(policy.services))})`)
  return service
}

export const requireEnvironment = (policy: WakaPolicy, name: string): EnvironmentPolicy => {
  const environment = policy.environments[name]
  if (!environment)
    throw new WakaError(
      'NOT_FOUND',
      `environment ${JSON.stringify(name)} is not in waka.yml (known: ${known(Object.keys(policy.environments))})`,
    )
  return environment
}

export const requireTarget = (policy: WakaPolicy, service: string, environment: string): ServiceTarget => {
  requireEnvironment(policy, environment)
  const target = requireService(policy, service).targets[environment]
  if (!target) throw new WakaError('NOT_FOUND', `service ${service} has no target in ${environment}`)
  return target
}

export const requireDeployment = async (store: StoreReader, id: number): Promise<Deployment> => {
  const deployment = await store.getDeployment(id)
  if (!deployment)
    throw new WakaError('NOT_FOUND', `deployment #${id} does not exist`, { hint: 'waka history' })
  return deployment
}

export const requireRelease = async (store: StoreReader, id: number): Promise<Release> => {
  const release = await store.getRelease(id)
  if (!release) throw new WakaError('NOT_FOUND', `release ${id} does not exist`)
  return release
}

/** A release named by version label or digest prefix; refuses ambiguous prefixes. */
export const resolveRelease = async (store: StoreReader, service: string, refText: string): Promise<Release> => {
  const matches = await store.findRelease(service, parseReleaseRef(refText))
  const [only, ...others] = matches
  if (!only)
    throw new WakaError('NOT_FOUND', `service ${service} has no release ${JSON.stringify(refText)}`, {
      hint: `waka release list ${service}`,
    })
  if (others.length)
    throw new WakaError('INVALID_ARGUMENT', `${refText} matches ${matches.length} releases of ${service}: ${matches.map(describeRelease).join(', ')}`, {
      details: { matches: matches.map((release) => release.digest) },
    })
  return only
}
