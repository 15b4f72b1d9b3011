/**
 * The environment of a child process starts from a few of Waka's own variables, never all of them:
 * whatever else Waka runs with (tokens, database URLs) stays out of user commands unless configured.
 */
const INHERITED = ['PATH', 'HOME', 'LANG', 'TZ'] as const
const FALLBACK_PATH = '/usr/local/bin:/usr/bin:/bin'

export const baseEnvironment = (from: Readonly<Record<string, string | undefined>> = process.env): Record<string, string> => {
  const environment: Record<string, string> = { PATH: FALLBACK_PATH }
  for (const name of INHERITED) {
    const value = from[name]
    if (value !== undefined && value !== '') environment[name] = value
  }
  return environment
}

/** Base environment, then each layer in turn; later layers win. */
export const childEnvironment = (...layers: readonly Readonly<Record<string, string>>[]): Record<string, string> =>
  Object.assign(baseEnvironment(), ...layers) as Record<string, string>
