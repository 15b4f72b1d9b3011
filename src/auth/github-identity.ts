/**
 * What a verified GitHub Actions token may do, from waka.yml: the services whose repository has
 * the token's numeric `repository_id` (names are display only) and whose allow-lists of events,
 * workflows, refs and GitHub environments the run passes. The identity's grants are those
 * services' repository roles; its commit is the token's, never a request body's.
 */
import { WakaError } from '../core/errors.ts'
import type { Credential, Identity } from '../core/identity.ts'
import type { Grant, RepositoryPolicy, ServicePolicy, WakaPolicy } from '../core/policy.ts'
import type { GithubClaims } from './github-oidc.ts'

type GithubCredential = Extract<Credential, { kind: 'github' }>
type RunFacts = Pick<GithubCredential, 'repositoryId' | 'repository' | 'ref' | 'workflowRef' | 'environment' | 'eventName'>

const matches = (value: string, patterns: readonly string[]): boolean =>
  patterns.some((pattern) => (pattern.endsWith('*') ? value.startsWith(pattern.slice(0, -1)) : value === pattern))

/** Why a run may not act for this service's repository, or null when it may. */
const refusalFor = (service: string, repository: RepositoryPolicy, run: RunFacts): string | null => {
  const key = `services.${service}.repository`
  if (!repository.events.includes(run.eventName))
    return `runs triggered by ${run.eventName} are not allowed (${key}.events: ${repository.events.join(', ')})`
  if (repository.workflows && !matches(run.workflowRef, repository.workflows))
    return `workflow ${run.workflowRef} is not allowed (${key}.workflows: ${repository.workflows.join(', ')})`
  if (repository.refs && !matches(run.ref, repository.refs)) return `ref ${run.ref} is not allowed (${key}.refs: ${repository.refs.join(', ')})`
  if (repository.environments && (run.environment === null || !repository.environments.includes(run.environment)))
    return `GitHub environment ${run.environment ?? '(none)'} is not allowed (${key}.environments: ${repository.environments.join(', ')})`
  return null
}

const withRepositoryId = (policy: WakaPolicy, id: number): { service: ServicePolicy; repository: RepositoryPolicy }[] =>
  Object.values(policy.services).flatMap((service) => (service.repository?.id === id ? [{ service, repository: service.repository }] : []))

/** The services a run may act for; FORBIDDEN naming the first reason when there is none. */
const acceptedServices = (policy: WakaPolicy, run: RunFacts): { service: ServicePolicy; repository: RepositoryPolicy }[] => {
  const candidates = withRepositoryId(policy, run.repositoryId)
  if (candidates.length === 0) {
    const sameName = Object.values(policy.services).find((service) => service.repository?.name.toLowerCase() === run.repository.toLowerCase())
    const message = sameName
      ? `GitHub repository ${run.repository} has id ${run.repositoryId}, but services.${sameName.name}.repository.id is ${sameName.repository?.id ?? '(not set)'}: repositories are matched by id (a deleted and re-created, or transferred, repository gets a new one)`
      : `no service in waka.yml has GitHub repository id ${run.repositoryId} (${run.repository})`
    throw new WakaError('FORBIDDEN', message, { details: { repositoryId: run.repositoryId, repository: run.repository } })
  }
  const accepted = candidates.filter(({ service, repository }) => refusalFor(service.name, repository, run) === null)
  const [first] = candidates
  if (accepted.length === 0 && first)
    throw new WakaError('FORBIDDEN', `GitHub run of ${run.repository} refused: ${refusalFor(first.service.name, first.repository, run)}`, {
      details: { repositoryId: run.repositoryId, eventName: run.eventName, ref: run.ref, workflowRef: run.workflowRef, environment: run.environment },
    })
  return accepted
}

/** The identity of a verified token's run, or FORBIDDEN when waka.yml does not let that run in. */
export const githubIdentity = (policy: WakaPolicy, claims: GithubClaims): Identity => {
  const credential: GithubCredential = {
    kind: 'github',
    repositoryId: claims.repositoryId,
    repository: claims.repository,
    sha: claims.sha,
    ref: claims.ref,
    workflowRef: claims.jobWorkflowRef,
    environment: claims.environment,
    eventName: claims.eventName,
    runId: claims.runId,
  }
  const accepted = acceptedServices(policy, credential)
  const name = `github:${accepted[0]?.repository.name ?? claims.repository}`
  const grants: Grant[] = accepted.flatMap(({ repository }) =>
    Object.entries(repository.roles).map(([environment, role]) => ({ subjects: [`user:${name}` as const], role, environments: [environment] })),
  )
  return { name, grants, credential }
}

/**
 * The services an identity may act for: for a GitHub run, those of its repository whose
 * allow-lists it passes (grants are per environment, not per service, so the API checks this
 * too); null for people and API tokens, whom roles alone limit.
 */
export const servicesOf = (policy: WakaPolicy, identity: Identity): string[] | null => {
  if (identity.credential.kind !== 'github') return null
  const run = identity.credential
  return withRepositoryId(policy, run.repositoryId)
    .filter(({ service, repository }) => refusalFor(service.name, repository, run) === null)
    .map(({ service }) => service.name)
}

/** FORBIDDEN when a GitHub run acts on a service that is not its repository's. */
export const assertServiceAllowed = (policy: WakaPolicy, identity: Identity, service: string): void => {
  const services = servicesOf(policy, identity)
  if (services === null || services.includes(service)) return
  throw new WakaError('FORBIDDEN', `${identity.name} may not act on service ${service} (its repository's services: ${services.join(', ') || 'none'})`, {
    details: { service, services },
  })
}

/**
 * For a GitHub run, the commit comes from its token: a request naming another commit is refused
 * (FORBIDDEN). A request that names none takes the token's; other identities are not checked.
 */
export const assertCommitMatches = (identity: Identity, bodySha: string | null | undefined): void => {
  if (identity.credential.kind !== 'github' || bodySha === null || bodySha === undefined) return
  if (bodySha.toLowerCase() === identity.credential.sha) return
  throw new WakaError(
    'FORBIDDEN',
    `the request names commit ${bodySha.slice(0, 64)}, but the GitHub token was issued to a run at ${identity.credential.sha}; the commit comes from the token`,
    { details: { requested: bodySha.slice(0, 64), token: identity.credential.sha } },
  )
}

/** The commit a GitHub run built (from its token), or null for other identities. */
export const commitOf = (identity: Identity): string | null => (identity.credential.kind === 'github' ? identity.credential.sha : null)
