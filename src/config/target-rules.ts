/**
 * Rules about each service × environment target, checked on the merged layers (see layers.ts)
 * and reported at the layer that wrote the offending key.
 */
import { driverSettings } from '../settings/driver-settings.ts'
import { explainIssue } from './issue-problems.ts'
import { mergeDriver, mergeHealth, mergeVariables, targetLayers, type Layer } from './layers.ts'
import type { Rule, RuleContext } from './rules.ts'
import type { WrittenConfig } from './schema.ts'

interface Target {
  readonly service: string
  readonly environment: string
  readonly layers: readonly Layer[]
}

/** Every service × environment, with its layers. */
const targetsOf = (config: WrittenConfig): Target[] =>
  Object.keys(config.services).flatMap((service) =>
    Object.keys(config.environments).map((environment) => ({
      service,
      environment,
      layers: targetLayers(config, service, environment),
    })),
  )

const forEachTarget =
  (check: (target: Target, context: RuleContext) => void): Rule =>
  (context) => {
    for (const target of targetsOf(context.config)) check(target, context)
  }

/**
 * The merged driver settings of every target validate against that driver's own schema. Each
 * layer is also checked on its own, so a bad value that a stronger layer overrides still shows.
 */
export const driverSettingsAreValid: Rule = forEachTarget(({ service, environment, layers }, { report }) => {
  const merged = mergeDriver(layers)
  const type = merged.settings['type']
  const schema = driverSettings.options.find((option) => option.shape.type.value === type)
  if (!schema) return
  for (const layer of layers) {
    const driver = layer.settings?.driver
    if (!driver) continue
    const result = schema.partial().safeParse({ ...driver, type }, { reportInput: true })
    for (const issue of result.error?.issues ?? [])
      for (const problem of explainIssue(issue, schema, [...layer.path, 'driver'])) report(problem.path, problem.message, problem.anchor)
  }
  const result = schema.safeParse(merged.settings, { reportInput: true })
  for (const issue of result.error?.issues ?? [])
    for (const problem of explainIssue(issue, schema)) {
      const origin = merged.origin.get(String(problem.path[0]))
      if (origin) report([...origin, ...problem.path], problem.message, problem.anchor)
      else
        report(
          [...(merged.written.at(-1) ?? ['environments', environment, 'driver']), ...problem.path],
          `${problem.message} (for service ${service} in ${environment}, set in any of its driver layers)`,
          problem.anchor,
        )
    }
})

/** A health check without `url` needs a driver that gives its targets an address. */
export const healthChecksHaveAnAddress: Rule = forEachTarget(({ service, environment, layers }, { report }) => {
  const health = mergeHealth(layers)
  if (!health || health.http.url !== undefined) return
  const driver = mergeDriver(layers).settings
  const target = `${service} in ${environment}`
  if (driver['type'] === 'local' && driver['port'] === undefined)
    report(
      health.path,
      `expected a url, or a port in the local driver settings: without either the health check of ${target} has no address to probe`,
      'key',
    )
  if (driver['type'] === 'command')
    report(
      health.path,
      `expected a url: the command driver gives its targets no address, so the health check of ${target} needs one`,
      'key',
    )
})

/** A name is either a variable or a secret of a target, never both. */
export const variablesAndSecretsDiffer: Rule = forEachTarget(({ service, environment, layers }, { report }) => {
  const variables = mergeVariables(layers)
  for (const layer of layers)
    (layer.settings?.secrets ?? []).forEach((name, index) => {
      if (Object.hasOwn(variables, name))
        report(
          [...layer.path, 'secrets', index],
          `expected a secret name that is not also a variable, got ${name} (a variable of ${service} in ${environment})`,
        )
    })
})

export const TARGET_RULES: readonly Rule[] = [driverSettingsAreValid, healthChecksHaveAnAddress, variablesAndSecretsDiffer]
