/** Written `github` and `services.<s>.repository` → the policy GitHub OIDC verification reads. */
import { parseDuration } from '../core/duration.ts'
import type { BuildPolicy, GithubPolicy, RepositoryPolicy } from '../core/policy.ts'
import type { WrittenGithub, WrittenRepository } from './repository-schema.ts'
import type { WrittenBuild } from './workflows-schema.ts'

export const GITHUB_OIDC_DEFAULTS = {
  issuer: 'https://token.actions.githubusercontent.com',
  maxTokenAge: '10m',
  clockTolerance: '30s',
  events: ['push', 'workflow_dispatch'],
} as const

const ms = (text: string): number => parseDuration(text) ?? 0

export const normalizeGithub = (github: WrittenGithub | undefined): GithubPolicy | null => {
  if (!github) return null
  const { oidc } = github
  const issuer = oidc.issuer ?? GITHUB_OIDC_DEFAULTS.issuer
  return {
    oidc: {
      audience: oidc.audience,
      issuer,
      jwksUrl: oidc.jwksUrl ?? `${issuer.replace(/\/+$/, '')}/.well-known/jwks`,
      maxTokenAgeMs: ms(oidc.maxTokenAge ?? GITHUB_OIDC_DEFAULTS.maxTokenAge),
      clockToleranceMs: ms(oidc.clockTolerance ?? GITHUB_OIDC_DEFAULTS.clockTolerance),
    },
    workflows: github.workflows
      ? {
          server: github.workflows.server,
          action: { repository: github.workflows.action.repository, sha: github.workflows.action.sha, tag: github.workflows.action.tag ?? null },
          ci: github.workflows.ci ?? 'ci.yml',
          branch: github.workflows.branch ?? 'main',
          runner: github.workflows.runner ?? 'ubuntu-24.04',
          githubEnvironments: github.workflows.githubEnvironments ?? [],
        }
      : null,
    deployments: github.deployments
      ? {
          api: (github.deployments.api ?? 'https://api.github.com').replace(/\/+$/, ''),
          tokenEnv: github.deployments.tokenEnv ?? 'WAKA_GITHUB_TOKEN',
          dashboard: github.deployments.dashboard ?? github.workflows?.server ?? null,
        }
      : null,
  }
}

export const normalizeBuild = (build: WrittenBuild | undefined): BuildPolicy | null =>
  build ? { run: build.run, artifact: build.artifact, node: build.node ?? null } : null

export const normalizeRepository = (repository: WrittenRepository | undefined): RepositoryPolicy | null =>
  repository
    ? {
        name: repository.name,
        id: repository.id ?? null,
        workflows: repository.workflows ?? null,
        refs: repository.refs ?? null,
        environments: repository.environments ?? null,
        events: repository.events ?? [...GITHUB_OIDC_DEFAULTS.events],
        roles: { ...repository.roles },
      }
    : null
