import { z } from 'zod'

export const ACTION_COMMANDS = ['release', 'deploy', 'promote', 'rollback', 'status', 'wait', 'execute'] as const

const optional = z
  .string()
  .optional()
  .transform((text) => (text === undefined || text.trim() === '' ? null : text.trim()))

/** The action's inputs, as GitHub passes them (INPUT_<NAME> environment variables). */
export const actionInputs = z.object({
  command: z.enum(ACTION_COMMANDS),
  'server-url': z.string().url(),
  audience: z.string().min(1),
  service: optional,
  environment: optional,
  from: optional,
  version: optional,
  artifact: optional,
  release: optional,
  deployment: optional,
  reason: optional,
  wait: z.enum(['true', 'false']).default('true'),
  execute: z.enum(['true', 'false']).default('false'),
  config: z.string().default('waka.yml'),
  'timeout-minutes': z.coerce.number().int().min(1).max(360).default(30),
  'dashboard-url': optional,
})

export type ActionInputs = z.infer<typeof actionInputs>

/** Reads INPUT_* the way @actions/core does (upper case, spaces as underscores, dashes kept), then validates. */
export const readInputs = (env: NodeJS.ProcessEnv): ActionInputs => {
  const raw: Record<string, string> = {}
  for (const key of Object.keys(actionInputs.shape)) {
    const value = env[`INPUT_${key.replace(/ /g, '_').toUpperCase()}`]
    if (value !== undefined && value !== '') raw[key] = value
  }
  const parsed = actionInputs.safeParse(raw)
  if (!parsed.success) throw new Error(`invalid inputs: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`)
  return parsed.data
}

/** The input a command cannot do without. */
export const required = (inputs: ActionInputs, name: 'service' | 'environment' | 'version' | 'artifact' | 'deployment'): string => {
  const value = inputs[name]
  if (value === null) throw new Error(`input "${name}" is required for command "${inputs.command}"`)
  return value
}
