import type { PipelineEnvironment } from '../api/types.ts'

/**
 * Environments in pipeline order: each after the one it promotes from, otherwise in the order
 * waka.yml lists them.
 */
export const pipelineOrder = (environments: readonly PipelineEnvironment[]): string[] => {
  const names = new Set(environments.map((environment) => environment.name))
  const ordered: string[] = []
  const place = (environment: PipelineEnvironment, seen: ReadonlySet<string>) => {
    if (ordered.includes(environment.name) || seen.has(environment.name)) return
    const upstream = environments.find((candidate) => candidate.name === environment.promoteFrom)
    if (upstream && names.has(upstream.name)) place(upstream, new Set([...seen, environment.name]))
    ordered.push(environment.name)
  }
  for (const environment of environments) place(environment, new Set())
  return ordered
}

/** GitHub's comparison of two commits, when the service names its repository and both commits are known. */
export const compareUrl = (repository: string | null | undefined, from: string | null | undefined, to: string | null | undefined): string | null =>
  repository && from && to && from !== to ? `https://github.com/${repository}/compare/${from}...${to}` : null
