/** Rules about `services.<s>.repository` and `github.oidc`, run with the others in rules.ts. */
import type { Rule } from './rules.ts'

const OIDC_KEYS = ['workflows', 'refs', 'environments', 'events', 'roles'] as const

/** Repository roles are scoped to `*` or to environments that exist. */
export const repositoryRoleScopesExist: Rule = ({ config, report }) => {
  const known = Object.keys(config.environments).join(', ')
  for (const [service, settings] of Object.entries(config.services))
    for (const scope of Object.keys(settings.repository?.roles ?? {}))
      if (scope !== '*' && !Object.hasOwn(config.environments, scope))
        report(['services', service, 'repository', 'roles', scope], `expected "*" or one of the environments (${known}), got ${JSON.stringify(scope)}`, 'key')
}

/** OIDC settings match tokens by the numeric repository id, so they need it. */
export const oidcSettingsNeedRepositoryId: Rule = ({ config, report }) => {
  for (const [service, { repository }] of Object.entries(config.services)) {
    if (!repository || repository.id !== undefined) continue
    const used = OIDC_KEYS.filter((key) => repository[key] !== undefined)
    if (used.length > 0)
      report(
        ['services', service, 'repository'],
        `expected id to be set: GitHub OIDC tokens are matched by the numeric repository id, which ${used.join(', ')} need (find it with: gh api repos/${repository.name} --jq .id)`,
      )
  }
}

/** Repository roles only mean something when Waka accepts GitHub OIDC tokens. */
export const repositoryRolesNeedOidc: Rule = ({ config, report }) => {
  if (config.github !== undefined) return
  for (const [service, { repository }] of Object.entries(config.services))
    if (repository?.roles !== undefined && Object.keys(repository.roles).length > 0)
      report(
        ['services', service, 'repository', 'roles'],
        'expected github.oidc to be configured (at least its audience): repository roles apply to GitHub Actions OIDC tokens',
        'key',
      )
}

/** One repository id has one name, and one name one id, across services (a monorepo lists it several times). */
export const repositoriesAreConsistent: Rule = ({ config, report }) => {
  const byId = new Map<number, { service: string; name: string }>()
  const byName = new Map<string, { service: string; id: number | undefined }>()
  for (const [service, { repository }] of Object.entries(config.services)) {
    if (!repository) continue
    const sameId = repository.id === undefined ? undefined : byId.get(repository.id)
    const sameName = byName.get(repository.name.toLowerCase())
    if (sameId && sameId.name.toLowerCase() !== repository.name.toLowerCase())
      report(
        ['services', service, 'repository', 'name'],
        `expected ${sameId.name}, the name services.${sameId.service} gives repository id ${repository.id}, got ${JSON.stringify(repository.name)}`,
      )
    else if (sameName && sameName.id !== undefined && repository.id !== undefined && sameName.id !== repository.id)
      report(
        ['services', service, 'repository', 'id'],
        `expected ${sameName.id}, the id services.${sameName.service} gives ${repository.name}, got ${repository.id}`,
      )
    if (repository.id !== undefined && !sameId) byId.set(repository.id, { service, name: repository.name })
    if (!sameName || sameName.id === undefined) byName.set(repository.name.toLowerCase(), { service, id: repository.id })
  }
}

/** Environments gated by GitHub's own reviewers must be Waka environments too. */
export const githubEnvironmentsExist: Rule = ({ config, report }) => {
  const known = Object.keys(config.environments).join(', ')
  for (const [index, environment] of (config.github?.workflows?.githubEnvironments ?? []).entries())
    if (!Object.hasOwn(config.environments, environment))
      report(['github', 'workflows', 'githubEnvironments', index], `expected one of the environments (${known}), got ${JSON.stringify(environment)}`)
}

export const GITHUB_RULES: readonly Rule[] = [
  repositoryRoleScopesExist,
  oidcSettingsNeedRepositoryId,
  repositoryRolesNeedOidc,
  repositoriesAreConsistent,
  githubEnvironmentsExist,
]
