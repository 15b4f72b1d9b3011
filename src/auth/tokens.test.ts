import { readFile } from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ManualClock, openTempStore, refusal, type TempStore } from '../../test/helpers/auth-kit.ts'
import type { NewApiToken } from '../core/auth-store.ts'
import { formatToken, mintTokenSecret, parseToken, verifyApiToken } from './tokens.ts'
import { createAuthenticator } from './authenticator.ts'
import type { WakaPolicy } from '../core/policy.ts'

const POLICY: WakaPolicy = { services: {}, environments: {}, access: { groups: {}, grants: [] }, github: null, notifications: null }

describe('API tokens', () => {
  let temp: TempStore
  let clock: ManualClock
  beforeEach(async () => {
    temp = await openTempStore()
    clock = new ManualClock()
  })
  afterEach(() => temp.cleanup())

  /** Stores a token the way createToken does and returns the string its user gets. */
  const issue = async (overrides: Partial<NewApiToken> = {}) => {
    const { secret, secretSha256 } = mintTokenSecret()
    const stored = await temp.store.auth.insertToken({
      name: 'ci',
      subject: 'ci-bot',
      role: 'deployer',
      environments: ['staging'],
      secretSha256,
      createdBy: 'root',
      createdAt: clock.now().toISOString(),
      expiresAt: new Date(clock.now().getTime() + 86_400_000).toISOString(),
      ...overrides,
    })
    return { id: stored.id, text: formatToken(stored.id, secret), secret }
  }

  it('look like waka_<id>_<43 base64url characters>, 32 random bytes each', () => {
    const secrets = new Set(Array.from({ length: 50 }, () => mintTokenSecret().secret))
    expect(secrets.size).toBe(50)
    for (const secret of secrets) expect(Buffer.from(secret, 'base64url')).toHaveLength(32)
    expect(formatToken(12, 'A'.repeat(43))).toBe(`waka_12_${'A'.repeat(43)}`)
    expect(parseToken(`waka_12_${'a_-'.repeat(14)}Z`)).toEqual({ id: 12, secret: `${'a_-'.repeat(14)}Z` })
  })

  it('are stored as the SHA-256 of their secret only: the secret is nowhere in the database file', async () => {
    const { secret } = await issue()
    await temp.store.close()
    const bytes = await readFile(temp.file)
    const wal = await readFile(`${temp.file}-wal`).catch(() => Buffer.alloc(0))
    expect(bytes.includes(secret)).toBe(false)
    expect(wal.includes(secret)).toBe(false)
    await temp.reopen()
  })

  it('verify to the stored token, acting as its subject with its role', async () => {
    const { id, text } = await issue()
    const token = await verifyApiToken(temp.store.auth, clock.now(), text)
    expect(token).toMatchObject({ id, subject: 'ci-bot', role: 'deployer', environments: ['staging'] })
    expect(token).not.toHaveProperty('secretSha256')

    const auth = createAuthenticator({ store: temp.store, policy: POLICY, clock })
    expect(await auth.authenticate({ authorization: `Bearer ${text}`, sessionCookie: null })).toEqual({
      via: 'token',
      csrfToken: null,
      identity: {
        name: 'ci-bot',
        grants: [{ subjects: ['user:ci-bot'], role: 'deployer', environments: ['staging'] }],
        credential: { kind: 'token', tokenId: id },
      },
    })
  })

  it('refuse a wrong secret, without saying whether the id exists', async () => {
    const { id, text } = await issue()
    const wrong = formatToken(id, mintTokenSecret().secret)
    const unknown = formatToken(id + 1, mintTokenSecret().secret)
    for (const presented of [wrong, unknown]) {
      const error = await refusal(verifyApiToken(temp.store.auth, clock.now(), presented))
      expect(error).toMatchObject({ code: 'UNAUTHENTICATED', message: 'invalid API token', details: { reason: 'invalid_token' } })
    }
    expect((await verifyApiToken(temp.store.auth, clock.now(), text)).id).toBe(id)
  })

  it('refuse a revoked token, and say so only to someone holding its secret', async () => {
    const { id, text } = await issue()
    await temp.store.auth.revokeToken(id, { by: 'root', at: clock.now().toISOString() })
    expect(await refusal(verifyApiToken(temp.store.auth, clock.now(), text))).toMatchObject({
      code: 'UNAUTHENTICATED',
      details: { reason: 'token_revoked' },
      message: expect.stringContaining(`API token #${id} (ci) was revoked`) as unknown,
    })
    const guess = formatToken(id, mintTokenSecret().secret)
    expect(await refusal(verifyApiToken(temp.store.auth, clock.now(), guess))).toMatchObject({ details: { reason: 'invalid_token' } })
  })

  it('refuse an expired token from the moment it expires', async () => {
    const { text } = await issue()
    clock.advance(86_400_000 - 1)
    await expect(verifyApiToken(temp.store.auth, clock.now(), text)).resolves.toMatchObject({ name: 'ci' })
    clock.advance(1)
    expect(await refusal(verifyApiToken(temp.store.auth, clock.now(), text))).toMatchObject({
      code: 'UNAUTHENTICATED',
      details: { reason: 'token_expired' },
    })
  })

  it('refuse malformed strings with UNAUTHENTICATED only, never echoing them', async () => {
    const { text } = await issue()
    const secret = text.split('_').slice(2).join('_')
    const malformed = [
      '',
      ' ',
      'waka_',
      'waka__',
      `waka_0_${'A'.repeat(43)}`,
      `waka_01_${'A'.repeat(43)}`,
      `waka_-1_${'A'.repeat(43)}`,
      `waka_1_${'A'.repeat(42)}`,
      `waka_1_${'A'.repeat(44)}`,
      `waka_1_${'A'.repeat(42)}=`,
      `waka_1_${'A'.repeat(42)}\u0000`,
      `waka_99999999999999999999_${'A'.repeat(43)}`,
      `WAKA_1_${'A'.repeat(43)}`,
      ` ${text}`,
      `${text} `,
      `${text}\n`,
      `waka_1_${'é'.repeat(43)}`,
      `waka_1_${secret}`.repeat(200),
      'waka_1_'.padEnd(100_000, 'A'),
    ]
    for (const presented of malformed) {
      const error = await refusal(verifyApiToken(temp.store.auth, clock.now(), presented))
      expect(error.code).toBe('UNAUTHENTICATED')
      if (presented.trim().length > 5) expect(error.message).not.toContain(presented.trim())
    }
    const auth = createAuthenticator({ store: temp.store, policy: POLICY, clock })
    for (const header of ['Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', `Token ${text}`, `Bearer ${text} extra`, 'Bearer waka_1_x', 'Bearer a.b', ''])
      expect((await refusal(auth.authenticate({ authorization: header, sessionCookie: null }))).code).toBe('UNAUTHENTICATED')
  })
})
