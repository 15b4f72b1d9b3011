/**
 * Cross-field rules, run once the file matches the schema. Each rule is a small function that
 * reports problems with the key path they concern; all rules run, so every problem shows at once.
 */
import type { Principal } from '../core/policy.ts'
import type { KeyPath } from './problems.ts'
import type { WrittenConfig } from './schema.ts'
import type { Anchor } from './source-map.ts'
import { GITHUB_RULES } from './github-rules.ts'
import { own } from './layers.ts'
import { NOTIFICATION_RULES } from './notification-rules.ts'
import { TARGET_RULES } from './target-rules.ts'

/** What a rule sees, and how it reports. */
export interface RuleContext {
  readonly config: WrittenConfig
  readonly report: (path: KeyPath, message: string, anchor?: Anchor) => void
}

export type Rule = (context: RuleContext) => void

const quoted = (name: string): string => JSON.stringify(name)

const environmentList = (config: WrittenConfig, except?: string): string => {
  const names = Object.keys(config.environments).filter((name) => name !== except)
  return names.length > 0 ? names.join(', ') : 'none'
}

/** `promoteFrom` names another environment that exists. */
export const promoteFromExists: Rule = ({ config, report }) => {
  for (const [name, environment] of Object.entries(config.environments)) {
    const upstream = environment.promoteFrom
    if (upstream === undefined) continue
    const path = ['environments', name, 'promoteFrom']
    if (upstream === name) report(path, `expected another environment (${environmentList(config, name)}), got ${quoted(upstream)} itself`)
    else if (!Object.hasOwn(config.environments, upstream))
      report(path, `expected one of the environments (${environmentList(config, name)}), got ${quoted(upstream)}`)
  }
}

/** Following `promoteFrom` never comes back to where it started. */
export const pipelineHasNoCycle: Rule = ({ config, report }) => {
  const reported = new Set<string>()
  for (const start of Object.keys(config.environments)) {
    const chain = [start]
    let current = own(config.environments, start)?.promoteFrom
    while (current !== undefined && Object.hasOwn(config.environments, current) && !chain.includes(current)) {
      chain.push(current)
      current = own(config.environments, current)?.promoteFrom
    }
    if (current !== start || chain.length < 2) continue
    const key = [...chain].sort().join(' ')
    if (reported.has(key)) continue
    reported.add(key)
    report(['environments', start, 'promoteFrom'], `expected a pipeline without cycles, got ${[...chain, start].join(' ← ')}`)
  }
}

/** Soak time is measured upstream, so it needs `promoteFrom`. */
export const soakNeedsUpstream: Rule = ({ config, report }) => {
  for (const [name, environment] of Object.entries(config.environments))
    if (environment.gates?.soak !== undefined && environment.promoteFrom === undefined)
      report(
        ['environments', name, 'gates', 'soak'],
        'expected promoteFrom to be set: soak is the time a release has been verified in the upstream environment',
        'key',
      )
}

/** An environment takes releases either from branches or from an upstream environment. */
export const autoDeployOrPromotion: Rule = ({ config, report }) => {
  for (const [name, environment] of Object.entries(config.environments))
    if (environment.autoDeploy !== undefined && environment.promoteFrom !== undefined)
      report(
        ['environments', name, 'autoDeploy'],
        'not supported: an environment either takes releases from a branch or from an upstream environment (remove autoDeploy or promoteFrom)',
        'key',
      )
}

/** Every principal with its key path: approvers and role holders. */
const principalsOf = (config: WrittenConfig): { principal: Principal; path: KeyPath }[] => {
  const found: { principal: Principal; path: KeyPath }[] = []
  for (const [name, environment] of Object.entries(config.environments))
    (environment.gates?.approvals?.from ?? []).forEach((principal, index) =>
      found.push({ principal: principal as Principal, path: ['environments', name, 'gates', 'approvals', 'from', index] }),
    )
  for (const [scope, roles] of Object.entries(config.access?.roles ?? {}))
    for (const [role, principals] of Object.entries(roles))
      (principals ?? []).forEach((principal, index) =>
        found.push({ principal: principal as Principal, path: ['access', 'roles', scope, role, index] }),
      )
  return found
}

/** `group:<name>` principals name groups defined under `access.groups`. */
export const groupsAreDefined: Rule = ({ config, report }) => {
  const groups = config.access?.groups ?? {}
  const defined = Object.keys(groups).length > 0 ? Object.keys(groups).join(', ') : 'none defined'
  for (const { principal, path } of principalsOf(config))
    if (principal.startsWith('group:') && !Object.hasOwn(groups, principal.slice('group:'.length)))
      report(path, `expected a group defined in access.groups (${defined}), got ${quoted(principal)}`)
}

/** An approvals gate asks for no more people than could ever approve. */
export const approvalsCanPass: Rule = ({ config, report }) => {
  const groups = config.access?.groups ?? {}
  for (const [name, environment] of Object.entries(config.environments)) {
    const approvals = environment.gates?.approvals
    if (!approvals) continue
    // An undefined group is reported by groupsAreDefined; counting without it would only add noise.
    if (approvals.from.some((principal) => principal.startsWith('group:') && !Object.hasOwn(groups, principal.slice(6)))) continue
    const people = new Set<string>()
    for (const principal of approvals.from) {
      if (principal.startsWith('user:')) people.add(principal.slice('user:'.length))
      else {
        const group = principal.slice('group:'.length)
        for (const member of own(groups, group) ?? []) people.add(member)
      }
    }
    if (approvals.required > people.size)
      report(
        ['environments', name, 'gates', 'approvals', 'required'],
        `expected at most ${people.size} (the people in ${approvals.from.join(', ')}), got ${approvals.required}: the gate could never pass`,
      )
  }
}

/** `services.<s>.environments.<e>` overrides an environment that exists. */
export const serviceEnvironmentsExist: Rule = ({ config, report }) => {
  for (const [service, settings] of Object.entries(config.services))
    for (const name of Object.keys(settings.environments ?? {}))
      if (!Object.hasOwn(config.environments, name))
        report(
          ['services', service, 'environments', name],
          `expected one of the environments (${environmentList(config)}), got ${quoted(name)}`,
          'key',
        )
}

/** `access.roles` keys are `*` or environments that exist. */
export const accessScopesExist: Rule = ({ config, report }) => {
  for (const scope of Object.keys(config.access?.roles ?? {}))
    if (scope !== '*' && !Object.hasOwn(config.environments, scope))
      report(['access', 'roles', scope], `expected "*" or one of the environments (${environmentList(config)}), got ${quoted(scope)}`, 'key')
}

/** Every rule, in the order their problems are worth reading. */
export const RULES: readonly Rule[] = [
  promoteFromExists,
  pipelineHasNoCycle,
  soakNeedsUpstream,
  autoDeployOrPromotion,
  groupsAreDefined,
  approvalsCanPass,
  serviceEnvironmentsExist,
  accessScopesExist,
  ...GITHUB_RULES,
  ...TARGET_RULES,
  ...NOTIFICATION_RULES,
]

/** Runs every rule over a config that matched the schema. */
export const checkRules = (context: RuleContext): void => {
  for (const rule of RULES) rule(context)
}
