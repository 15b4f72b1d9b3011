import { describe, expect, it } from 'vitest'
import { parseConfigText } from './load.ts'

const config = (notifications: string) => `version: 1
services:
  web: {}
environments:
  staging:
    driver: { type: local }
  production:
    driver: { type: local }
notifications:
${notifications}
`

const problems = (text: string): string[] => {
  const result = parseConfigText(text, 'waka.yml')
  return result.ok ? [] : result.problems.map((problem) => `${problem.path}: ${problem.message}`)
}

describe('notifications in waka.yml', () => {
  it('normalizes targets and routes with their defaults', () => {
    const result = parseConfigText(
      config(`  targets:
    ops: { type: webhook, urlSecret: OPS_URL, signingSecret: OPS_KEY }
    chat: { type: slack, urlSecret: SLACK_URL, timeout: 2s }
    events: { type: cdevents, urlSecret: EVENTS_URL }
  routes:
    - { environments: [production], events: [awaiting_approval, failed, rolled_back], to: [chat, ops] }
    - to: [events]`),
      'waka.yml',
    )
    if (!result.ok) throw new Error(JSON.stringify(result.problems))
    expect(result.policy.notifications).toEqual({
      targets: {
        ops: { name: 'ops', type: 'webhook', urlSecret: 'OPS_URL', signingSecret: 'OPS_KEY', source: '/waka', timeoutMs: 10_000 },
        chat: { name: 'chat', type: 'slack', urlSecret: 'SLACK_URL', signingSecret: null, source: '/waka', timeoutMs: 2_000 },
        events: { name: 'events', type: 'cdevents', urlSecret: 'EVENTS_URL', signingSecret: null, source: '/waka', timeoutMs: 10_000 },
      },
      routes: [
        { environments: ['production'], events: ['awaiting_approval', 'failed', 'rolled_back'], to: ['chat', 'ops'] },
        { environments: null, events: null, to: ['events'] },
      ],
      retry: { attempts: 8, initialDelayMs: 1_000, maxDelayMs: 300_000 },
      dashboardUrl: null,
      flushTimeoutMs: 5_000,
    })
  })

  it('is off without the section', () => {
    const result = parseConfigText(config('').replace('notifications:\n', ''), 'waka.yml')
    expect(result.ok && result.policy.notifications).toBeNull()
  })

  it('refuses a URL where a secret name belongs, so the URL never sits in the file', () => {
    expect(problems(config(`  targets:\n    chat: { type: slack, urlSecret: "https://hooks.slack.com/services/T0/B0/x" }\n  routes:\n    - to: [chat]`))).toEqual([
      expect.stringMatching(/^notifications\.targets\.chat\.urlSecret: expected /),
    ])
  })

  it('names unknown targets, environments and events, and settings that do not fit the target type', () => {
    const found = problems(
      config(`  targets:
    chat: { type: slack, urlSecret: SLACK_URL, signingSecret: KEY, source: /x }
  routes:
    - { environments: [prod], to: [chat, pager] }`),
    )
    expect(found).toEqual([
      'notifications.targets.chat.signingSecret: expected no signingSecret: only webhook targets are signed (this one is slack)',
      'notifications.targets.chat.source: expected no source: only cdevents targets send one (this one is slack)',
      'notifications.routes[0].environments[0]: expected one of the environments (staging, production), got "prod"',
      'notifications.routes[0].to[1]: expected one of the targets (chat), got "pager"',
    ])
    expect(problems(config(`  targets:\n    chat: { type: slack, urlSecret: S }\n  routes:\n    - { events: [deployed], to: [chat] }`))).toEqual([
      expect.stringMatching(/^notifications\.routes\[0\]\.events\[0\]: expected .*awaiting_approval/),
    ])
  })
})
