import { WakaError } from '../core/errors.ts'

/** Where secret values come from at deploy time. Waka stores only their names. */
export interface SecretSource {
  get(environment: string, name: string): string | undefined
  /** Where a person sets the value, for error messages. */
  describe(environment: string, name: string): string
}

const envKey = (environment: string, name: string): string =>
  `WAKA_SECRET_${environment.toUpperCase().replace(/-/g, '_')}_${name}`

/** Secrets from the executor's environment: `WAKA_SECRET_<ENVIRONMENT>_<NAME>`. */
export const environmentSecrets = (env: NodeJS.ProcessEnv): SecretSource => ({
  get: (environment, name) => env[envKey(environment, name)],
  describe: (environment, name) => `environment variable ${envKey(environment, name)}`,
})

/** Resolves every named secret or fails naming the first missing one (never a value). */
export const resolveSecrets = (source: SecretSource, environment: string, names: readonly string[]): Record<string, string> => {
  const values: Record<string, string> = {}
  for (const name of names) {
    const value = source.get(environment, name)
    if (value === undefined || value === '')
      throw new WakaError('SECRET_MISSING', `secret ${name} for ${environment} is not set`, {
        hint: `set ${source.describe(environment, name)} where the deployment runs`,
      })
    values[name] = value
  }
  return values
}
