/** Rules about `notifications`, run with the others in rules.ts. */
import type { Rule } from './rules.ts'

const quoted = (name: string): string => JSON.stringify(name)

/** Routes name targets and environments that exist. */
export const routesNameWhatExists: Rule = ({ config, report }) => {
  const notifications = config.notifications
  if (!notifications) return
  const targets = Object.keys(notifications.targets)
  const environments = Object.keys(config.environments)
  notifications.routes.forEach((route, index) => {
    route.to.forEach((name, at) => {
      if (!Object.hasOwn(notifications.targets, name))
        report(['notifications', 'routes', index, 'to', at], `expected one of the targets (${targets.join(', ') || 'none'}), got ${quoted(name)}`)
    })
    route.environments?.forEach((name, at) => {
      if (!Object.hasOwn(config.environments, name))
        report(['notifications', 'routes', index, 'environments', at], `expected one of the environments (${environments.join(', ')}), got ${quoted(name)}`)
    })
  })
}

/** Settings that only one target type reads are refused elsewhere, so nobody believes them in force. */
export const targetSettingsFitTheirType: Rule = ({ config, report }) => {
  for (const [name, target] of Object.entries(config.notifications?.targets ?? {})) {
    if (target.signingSecret !== undefined && target.type !== 'webhook')
      report(['notifications', 'targets', name, 'signingSecret'], `expected no signingSecret: only webhook targets are signed (this one is ${target.type})`, 'key')
    if (target.source !== undefined && target.type !== 'cdevents')
      report(['notifications', 'targets', name, 'source'], `expected no source: only cdevents targets send one (this one is ${target.type})`, 'key')
  }
}

export const NOTIFICATION_RULES: readonly Rule[] = [routesNameWhatExists, targetSettingsFitTheirType]
