/**
 * Written config → {@link WakaPolicy}: durations become milliseconds, defaults are filled in and
 * every service × environment target gets its merged settings (see layers.ts for the order).
 * Runs only on a config that passed the schema and the rules.
 */
import { parseDuration } from '../core/duration.ts'
import type {
  AccessPolicy,
  DriverSettings,
  EnvironmentPolicy,
  Grant,
  HttpHealthPolicy,
  Principal,
  ServicePolicy,
  ServiceTarget,
  WakaPolicy,
} from '../core/policy.ts'
import type { Role } from '../core/access/roles.ts'
import type { WrittenAccess } from './access-schema.ts'
import type { WrittenEnvironment } from './environment-schema.ts'
import type { WrittenHttpCheck } from './health-schema.ts'
import { normalizeBuild, normalizeGithub, normalizeRepository } from './normalize-github.ts'
import { normalizeNotifications } from './normalize-notifications.ts'
import { mergeDriver, mergeHealth, mergeSecrets, mergeVariables, targetLayers } from './layers.ts'
import type { WrittenConfig } from './schema.ts'
import { parseClock, parseDays } from './weekdays.ts'

/** Milliseconds of a duration the schema already checked. */
const ms = (text: string): number => parseDuration(text) ?? 0

const HEALTH_DEFAULTS = {
  path: '/',
  status: 200,
  successes: 1,
  failures: 3,
  interval: '1s',
  timeout: '30s',
  requestTimeout: '2s',
} as const

export const normalizeHttpCheck = (http: WrittenHttpCheck): HttpHealthPolicy => ({
  url: http.url ?? null,
  path: http.path ?? HEALTH_DEFAULTS.path,
  port: http.port ?? null,
  expect: {
    status: http.expect?.status ?? HEALTH_DEFAULTS.status,
    body: http.expect?.body ?? null,
    version: http.expect?.version ?? false,
  },
  successes: http.successes ?? HEALTH_DEFAULTS.successes,
  failures: http.failures ?? HEALTH_DEFAULTS.failures,
  intervalMs: ms(http.interval ?? HEALTH_DEFAULTS.interval),
  timeoutMs: ms(http.timeout ?? HEALTH_DEFAULTS.timeout),
  requestTimeoutMs: ms(http.requestTimeout ?? HEALTH_DEFAULTS.requestTimeout),
})

const normalizeTarget = (config: WrittenConfig, service: string, environment: string): ServiceTarget => {
  const layers = targetLayers(config, service, environment)
  const health = mergeHealth(layers)
  return {
    driver: mergeDriver(layers).settings as DriverSettings,
    variables: mergeVariables(layers),
    secrets: mergeSecrets(layers),
    health: health && { http: normalizeHttpCheck(health.http) },
  }
}

const normalizeEnvironment = (name: string, written: WrittenEnvironment): EnvironmentPolicy => {
  const { gates, autoDeploy, rollback } = written
  const approvals = gates?.approvals
  return {
    name,
    promoteFrom: written.promoteFrom ?? null,
    autoDeploy: autoDeploy ? { branches: autoDeploy.branches ?? (autoDeploy.branch ? [autoDeploy.branch] : []) } : null,
    queue: written.queue ?? 'fifo',
    confirm: written.confirm ?? approvals !== undefined,
    gates: {
      approvals: approvals
        ? {
            required: approvals.required,
            from: approvals.from as Principal[],
            allowSelfApproval: approvals.allowSelfApproval ?? false,
            expireAfterMs: approvals.expireAfter === undefined ? null : ms(approvals.expireAfter),
          }
        : null,
      soakMs: gates?.soak === undefined ? 0 : ms(gates.soak),
      windows: (gates?.windows ?? []).map((window) => ({
        days: parseDays(window.days),
        fromMinute: parseClock(window.from),
        toMinute: parseClock(window.to),
        timezone: window.timezone,
      })),
      branches: gates?.branches ?? null,
      rollbackReady: gates?.rollbackReady ?? false,
    },
    rollback: {
      auto: rollback?.auto ?? false,
      keepReleases: rollback?.keepReleases ?? 5,
      quarantineFailed: rollback?.quarantineFailed ?? true,
    },
    executor: written.executor ?? 'server',
  }
}

/** One grant per (scope, role), in the order the file lists them. */
export const normalizeAccess = (access: WrittenAccess | undefined): AccessPolicy => {
  const grants: Grant[] = []
  for (const [scope, roles] of Object.entries(access?.roles ?? {}))
    for (const [role, subjects] of Object.entries(roles))
      if (subjects && subjects.length > 0)
        grants.push({ subjects: subjects as Principal[], role: role as Role, environments: [scope] })
  return { groups: { ...access?.groups }, grants }
}

/** The normalized policy of a written config that passed the schema and the rules. */
export const normalizeConfig = (config: WrittenConfig): WakaPolicy => {
  const environmentNames = Object.keys(config.environments)
  const services = Object.fromEntries(
    Object.entries(config.services).map(([name, service]): [string, ServicePolicy] => [
      name,
      {
        name,
        repository: normalizeRepository(service.repository),
        build: normalizeBuild(service.build),
        targets: Object.fromEntries(environmentNames.map((environment) => [environment, normalizeTarget(config, name, environment)])),
      },
    ]),
  )
  const environments = Object.fromEntries(
    Object.entries(config.environments).map(([name, environment]) => [name, normalizeEnvironment(name, environment)]),
  )
  return { services, environments, access: normalizeAccess(config.access), github: normalizeGithub(config.github), notifications: normalizeNotifications(config.notifications) }
}
