import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { refusal } from '../../test/helpers/auth-kit.ts'
import { createTestApp, type TestApp } from '../../test/helpers/app-context.ts'
import { verifyApiToken } from '../auth/tokens.ts'
import { localIdentity, type Identity } from '../core/identity.ts'
import { createToken, listTokens, revokeToken, type CreateTokenInput } from './tokens.ts'

const YAML = `
version: 1
services:
  web: {}
environments:
  staging: { driver: { type: local } }
  production: { promoteFrom: staging, driver: { type: local } }
access:
  roles:
    "*": { admin: [user:root] }
    staging: { admin: [user:stella], deployer: [user:alice] }
    production: { approver: [user:alice] }
`

const DAY = 86_400_000
const root = localIdentity('root')
const stella = localIdentity('stella')
const alice = localIdentity('alice')

describe('API token use cases (real SQLite ledger)', () => {
  let app: TestApp
  beforeEach(async () => {
    app = await createTestApp(YAML)
  })
  afterEach(() => app.close())

  const create = (identity: Identity, input: Partial<Omit<CreateTokenInput, 'identity'>> = {}) =>
    createToken(app.context, { identity, name: 'ci', role: 'deployer', environments: ['staging'], expiresInMs: 30 * DAY, ...input })

  it('creates a token whose secret is shown once: never listed, never in the audit log', async () => {
    const created = await create(root)
    expect(created.secret).toMatch(new RegExp(`^waka_${created.token.id}_[A-Za-z0-9_-]{43}$`))
    expect(created.token).toEqual({
      id: created.token.id,
      name: 'ci',
      subject: 'ci',
      role: 'deployer',
      environments: ['staging'],
      createdBy: 'root',
      createdAt: app.clock.now().toISOString(),
      expiresAt: new Date(app.clock.now().getTime() + 30 * DAY).toISOString(),
      revokedAt: null,
      revokedBy: null,
    })
    expect(await verifyApiToken(app.context.store.auth, app.clock.now(), created.secret)).toEqual(created.token)

    const listed = await listTokens(app.context, { identity: root })
    expect(listed).toEqual([created.token])
    const audit = await app.context.store.listAudit(0, 100)
    expect(audit.map((event) => [event.actor, event.action, event.data])).toEqual([
      ['root', 'token.created', { tokenId: created.token.id, name: 'ci', subject: 'ci', role: 'deployer', environments: ['staging'], expiresAt: created.token.expiresAt }],
    ])
    const secretPart = created.secret.split('_').slice(2).join('_')
    expect(JSON.stringify(audit)).not.toContain(secretPart)
  })

  describe('nobody can mint more than they hold (admin in every environment the token covers)', () => {
    it('an admin of staging mints staging tokens acting as themselves, and nothing beyond', async () => {
      await expect(create(stella, { name: 'stella-ci', subject: 'stella' })).resolves.toMatchObject({ token: { subject: 'stella' } })
      expect(await refusal(create(stella, { subject: 'stella', environments: ['production'] }))).toMatchObject({
        code: 'FORBIDDEN',
        message: 'stella may not create token ci: that needs the admin role in production',
      })
      expect((await refusal(create(stella, { subject: 'stella', role: 'admin', environments: ['*'] }))).message).toContain(
        'needs the admin role in every environment ("*")',
      )
    })

    it('a token acting as someone else carries their roles, so only an admin of every environment mints one', async () => {
      expect((await refusal(create(stella, { subject: 'root' }))).message).toBe(
        'stella may not create token ci: that needs the admin role in every environment ("*")',
      )
      expect((await refusal(create(stella, { subject: 'alice', role: null, environments: [] }))).code).toBe('FORBIDDEN')
      await expect(create(root, { name: 'alice-laptop', subject: 'alice', role: null, environments: [] })).resolves.toMatchObject({
        token: { subject: 'alice', role: null, environments: [] },
      })
    })

    it('someone who is admin nowhere mints no token, not even one acting as themselves', async () => {
      expect((await refusal(create(alice, { subject: 'alice', role: null, environments: [] }))).message).toBe(
        'alice may not create token ci: that needs the admin role in at least one environment',
      )
      expect((await refusal(create(alice, { subject: 'alice' }))).code).toBe('FORBIDDEN')
    })

    it("a token's own role counts: an admin token mints tokens, but none that outlive it", async () => {
      const bot = await create(root, { name: 'bot', role: 'admin', environments: ['*'], expiresInMs: 10 * DAY })
      const botIdentity: Identity = { name: 'bot', grants: [{ subjects: ['user:bot'], role: 'admin', environments: ['*'] }], credential: { kind: 'token', tokenId: bot.token.id } }
      await expect(create(botIdentity, { name: 'child', expiresInMs: 10 * DAY })).resolves.toMatchObject({ token: { createdBy: 'bot' } })
      expect(await refusal(create(botIdentity, { name: 'child', expiresInMs: 11 * DAY }))).toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining(`a token created with token #${bot.token.id} cannot outlive it`) as unknown,
      })
    })

    it('GitHub workflow runs manage no tokens', async () => {
      const run: Identity = {
        name: 'github:acme/web',
        grants: [{ subjects: ['user:github:acme/web'], role: 'admin', environments: ['*'] }],
        credential: { kind: 'github', repositoryId: 42, repository: 'acme/web', sha: 'a'.repeat(40), ref: 'refs/heads/main', workflowRef: 'w', environment: null, eventName: 'push', runId: '1' },
      }
      expect((await refusal(create(run))).code).toBe('FORBIDDEN')
      expect((await refusal(listTokens(app.context, { identity: run }))).code).toBe('FORBIDDEN')
    })
  })

  it('requires an expiry of at most 366 days, a valid name, and environments that match the role', async () => {
    for (const expiresInMs of [0, -1, Number.NaN, Infinity, 59_999, 367 * DAY])
      expect((await refusal(create(root, { expiresInMs }))).message).toBe('expiry: tokens must expire, after at least 1 minute and at most 366 days')
    expect((await refusal(create(root, { name: '../etc' }))).message).toMatch(/^name: expected a user name/)
    expect((await refusal(create(root, { subject: 'waka:engine' }))).message).toMatch(/^subject: expected a user name/)
    expect((await refusal(create(root, { environments: [] }))).message).toContain('expected the environments the deployer role applies in')
    expect((await refusal(create(root, { environments: ['prod'] }))).message).toBe('environments: expected "*" or one of staging, production, got "prod"')
    expect((await refusal(create(root, { role: null }))).message).toContain('a token without a role covers no environments')
    expect((await create(root, { environments: ['staging', '*'] })).token.environments).toEqual(['*'])
    expect(await listTokens(app.context, { identity: root })).toHaveLength(1)
  })

  it('lists every token to admins, and to anyone else only the tokens acting as them', async () => {
    const forAlice = await create(root, { name: 'alice-laptop', subject: 'alice', role: null, environments: [] })
    await create(root)
    expect((await listTokens(app.context, { identity: stella })).map((token) => token.name)).toEqual(['ci', 'alice-laptop'])
    expect(await listTokens(app.context, { identity: alice })).toEqual([forAlice.token])
  })

  describe('revoking', () => {
    it('revokes by id, ends its use, records who and why, and refuses a second revocation', async () => {
      const created = await create(root)
      const revoked = await revokeToken(app.context, { identity: root, id: created.token.id, reason: 'leaked in a log' })
      expect(revoked).toMatchObject({ id: created.token.id, revokedBy: 'root', revokedAt: app.clock.now().toISOString() })
      expect((await refusal(verifyApiToken(app.context.store.auth, app.clock.now(), created.secret))).details).toEqual({ reason: 'token_revoked' })
      expect((await app.context.store.listAudit(0, 10)).at(-1)).toMatchObject({ actor: 'root', action: 'token.revoked', reason: 'leaked in a log' })
      expect((await refusal(revokeToken(app.context, { identity: root, id: created.token.id }))).code).toBe('CONFLICT')
      expect((await refusal(revokeToken(app.context, { identity: root, id: 999 }))).code).toBe('NOT_FOUND')
    })

    it('needs admin in every environment the token covers, except for a token acting as oneself', async () => {
      const ci = await create(root)
      expect((await refusal(revokeToken(app.context, { identity: stella, id: ci.token.id }))).message).toBe(
        'stella may not revoke token #1 (ci): that needs the admin role in every environment ("*")',
      )
      const stellas = await create(stella, { name: 'stella-ci', subject: 'stella' })
      expect((await refusal(revokeToken(app.context, { identity: alice, id: stellas.token.id }))).code).toBe('FORBIDDEN')
      await expect(revokeToken(app.context, { identity: stella, id: stellas.token.id })).resolves.toMatchObject({ revokedBy: 'stella' })

      const alices = await create(root, { name: 'alice-laptop', subject: 'alice', role: null, environments: [] })
      await expect(revokeToken(app.context, { identity: alice, id: alices.token.id })).resolves.toMatchObject({ revokedBy: 'alice' })
    })
  })
})
