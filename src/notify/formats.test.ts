import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { freeze } from '../app/freeze.ts'
import { rollback } from '../app/rollback.ts'
import type { Notification } from '../core/notify/notification-event.ts'
import { createTestApp, succeed, type TestApp } from '../../test/helpers/app-context.ts'
import { startReceiver, type Receiver } from '../../test/helpers/receiver.ts'
import { NotificationDispatcher } from './dispatcher.ts'
import { slackMessage } from './slack-message.ts'

const CONFIG = `
version: 1
services:
  web: {}
environments:
  staging:
    autoDeploy: { branch: main }
    driver: { type: local }
access:
  roles:
    "*": { viewer: [user:alice], deployer: [user:alice], admin: [user:alice] }
notifications:
  dashboardUrl: https://waka.example.com
  targets:
    events: { type: cdevents, urlSecret: EVENTS_URL, source: /waka/test }
    chat: { type: slack, urlSecret: CHAT_URL }
  routes:
    - to: [events]
    - { events: [succeeded, rolled_back], to: [chat] }
`

// The required fields of CDEvents 0.4.1 (schemas/service*.json, environmentmodified.json) inside a
// CloudEvents 1.0 structured-mode envelope, written out from the specifications.
const context = (type: string) =>
  z.object({ version: z.literal('0.4.1'), id: z.string().min(1), source: z.string().min(1), type: z.literal(type), timestamp: z.iso.datetime() })
const serviceEvent = (predicate: 'deployed' | 'upgraded' | 'rolledback') => {
  const type = `dev.cdevents.service.${predicate}.0.2.0`
  return z.object({
    specversion: z.literal('1.0'),
    id: z.string().min(1),
    source: z.string().min(1),
    type: z.literal(type),
    subject: z.string().min(1),
    time: z.iso.datetime(),
    datacontenttype: z.literal('application/json'),
    data: z.object({
      context: context(type),
      subject: z.object({
        id: z.string().min(1),
        type: z.literal('service'),
        content: z.strictObject({ environment: z.object({ id: z.string().min(1) }), artifactId: z.string().regex(/^pkg:generic\/web@[^?]+\?checksum=sha256%3A[0-9a-f]{64}$/) }),
      }),
    }),
  })
}
const environmentModified = z.object({
  specversion: z.literal('1.0'),
  type: z.literal('dev.cdevents.environment.modified.0.2.0'),
  data: z.object({
    context: context('dev.cdevents.environment.modified.0.2.0'),
    subject: z.object({ id: z.literal('staging'), type: z.literal('environment'), content: z.strictObject({ name: z.string(), url: z.string().optional() }) }),
  }),
})

const opened: { close(): Promise<void> }[] = []
afterEach(async () => {
  for (const thing of opened.splice(0).reverse()) await thing.close()
})

const setUp = async (): Promise<{ app: TestApp; events: Receiver; chat: Receiver; dispatcher: NotificationDispatcher }> => {
  const events = await startReceiver()
  const chat = await startReceiver()
  const app = await createTestApp(CONFIG)
  opened.push(events, chat, app)
  const policy = app.context.policy.notifications
  if (!policy) throw new Error('no notifications')
  const secrets: Record<string, string> = { EVENTS_URL: events.url, CHAT_URL: chat.url }
  const dispatcher = new NotificationDispatcher({ store: app.context.store, policy, secret: (name) => secrets[name], describeSecret: (name) => name, owner: 'test:1' })
  opened.push(dispatcher)
  await dispatcher.start()
  return { app, events, chat, dispatcher }
}

const ship = async (app: TestApp, version: string) => {
  await app.release('web', version)
  const [requested] = await app.context.store.listDeployments({ service: 'web', environment: 'staging', order: 'newest', limit: 1 })
  if (!requested) throw new Error('no deployment')
  return succeed(app.context, requested)
}

describe('CDEvents and Slack deliveries', () => {
  it('sends CDEvents 0.4.1 as structured CloudEvents: deployed, upgraded, rolledback, environment modified', async () => {
    const { app, events, dispatcher } = await setUp()
    const first = await ship(app, '1.0.0')
    await ship(app, '1.1.0')
    const requested = await rollback(app.context, { actor: 'alice', service: 'web', environment: 'staging', to: null, reason: 'bad release' })
    await succeed(app.context, requested.deployment)
    await freeze(app.context, { actor: 'alice', environment: 'staging', reason: 'incident 7', forMs: null })
    await dispatcher.flush(15_000)

    // requests, starts and approvals have no CDEvent: they are not sent to this target at all
    const bodies = events.received.map((request) => JSON.parse(request.body) as { type: string })
    expect(bodies.map((body) => body.type)).toEqual([
      'dev.cdevents.service.deployed.0.2.0',
      'dev.cdevents.service.upgraded.0.2.0',
      'dev.cdevents.service.rolledback.0.2.0',
      'dev.cdevents.environment.modified.0.2.0',
    ])
    for (const request of events.received) expect(request.headers['content-type']).toBe('application/cloudevents+json')
    const [deployed, upgraded, rolledBack, modified] = bodies
    expect(serviceEvent('deployed').parse(deployed)).toMatchObject({ source: '/waka/test', subject: 'staging/web', data: { context: { source: '/waka/test' } } })
    serviceEvent('upgraded').parse(upgraded)
    serviceEvent('rolledback').parse(rolledBack)
    environmentModified.parse(modified)
    // the CloudEvent and its CDEvent share one id, the same on every retry
    const envelope = deployed as unknown as { id: string; data: { context: { id: string }; subject: { content: { artifactId: string } }; customData: Notification } }
    expect(envelope.data.context.id).toBe(envelope.id)
    expect(envelope.data.subject.content.artifactId).toBe(`pkg:generic/web@1.0.0?checksum=${first.releaseDigest.replace('sha256:', 'sha256%3A')}`)
    expect(envelope.data.customData.deployment?.id).toBe(first.id)
    // what the test's schema refuses, so a broken event would fail it
    expect(serviceEvent('deployed').safeParse({ ...envelope, data: { ...envelope.data, subject: { ...envelope.data.subject, content: {} } } }).success).toBe(false)
  })

  it('posts Slack a readable message: service, environment, version, who, and a link to the deployment', async () => {
    const { app, chat, dispatcher } = await setUp()
    const done = await ship(app, '1.0.0')
    await dispatcher.flush(15_000)
    expect(chat.received).toHaveLength(1)
    const message = JSON.parse(chat.received[0]?.body ?? '{}') as { text: string; blocks: { type: string; text?: { text: string }; elements?: { text: string }[] }[] }
    expect(message.text).toBe('web 1.0.0 in staging succeeded')
    const context = message.blocks.find((block) => block.type === 'context')?.elements?.[0]?.text ?? ''
    expect(context).toContain(`deployment #${done.id} (deploy)`)
    expect(context).toContain('by waka:engine')
    expect(context).toContain(`<https://waka.example.com/deployments/${done.id}|open in Waka>`)
  })

  it('escapes Slack markup in names and reasons, so a reason cannot make a link', () => {
    const message = slackMessage({
      id: 'waka-1',
      event: 'frozen',
      action: 'freeze.placed',
      at: '2026-12-04T10:00:00.000Z',
      actor: 'oncall',
      service: null,
      environment: 'production',
      reason: 'see <https://evil.example|the runbook> & more',
      deployment: null,
      release: null,
    })
    expect(message.text).toBe('production frozen')
    expect(JSON.stringify(message.blocks)).toContain('see &lt;https://evil.example|the runbook&gt; &amp; more')
    expect(JSON.stringify(message.blocks)).not.toContain('<https://evil')
  })
})
