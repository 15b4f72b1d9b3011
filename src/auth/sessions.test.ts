import { readFile } from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ManualClock, openTempStore, refusal, type TempStore } from '../../test/helpers/auth-kit.ts'
import type { WakaPolicy } from '../core/policy.ts'
import { createAuthenticator, type Authenticator } from './authenticator.ts'
import { signInKey } from './rate-limit.ts'
import { csrfTokenMatches } from './sessions.ts'
import { formatToken, mintTokenSecret } from './tokens.ts'

const POLICY: WakaPolicy = { services: {}, environments: {}, access: { groups: {}, grants: [] }, github: null, notifications: null }
const HOUR = 3_600_000

describe('dashboard sessions', () => {
  let temp: TempStore
  let clock: ManualClock
  let auth: Authenticator
  const open = () => createAuthenticator({ store: temp.store, policy: POLICY, clock })

  const issue = async (lifetimeMs = 30 * 24 * HOUR) => {
    const { secret, secretSha256 } = mintTokenSecret()
    const stored = await temp.store.auth.insertToken({
      name: 'alice-laptop',
      subject: 'alice',
      role: 'approver',
      environments: ['production'],
      secretSha256,
      createdBy: 'root',
      createdAt: clock.now().toISOString(),
      expiresAt: new Date(clock.now().getTime() + lifetimeMs).toISOString(),
    })
    return { id: stored.id, text: formatToken(stored.id, secret) }
  }
  const withCookie = (sessionCookie: string) => auth.authenticate({ authorization: null, sessionCookie })

  beforeEach(async () => {
    temp = await openTempStore()
    clock = new ManualClock()
    auth = open()
  })
  afterEach(() => temp.cleanup())

  it('sign in with an API token: a random session id for the cookie and a CSRF token, for 12 hours', async () => {
    const { id, text } = await issue()
    const signedIn = await auth.signIn({ token: text, ip: '203.0.113.7' })
    expect(signedIn.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(signedIn.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(signedIn.csrfToken).not.toBe(signedIn.sessionId)
    expect(signedIn.expiresAt).toBe(new Date(clock.now().getTime() + 12 * HOUR).toISOString())
    expect(signedIn.identity).toEqual({
      name: 'alice',
      grants: [{ subjects: ['user:alice'], role: 'approver', environments: ['production'] }],
      credential: { kind: 'session', tokenId: id },
    })

    expect(await withCookie(signedIn.sessionId)).toEqual({ identity: signedIn.identity, via: 'session', csrfToken: signedIn.csrfToken })
  })

  it('stores the session id only hashed', async () => {
    const { text } = await issue()
    const { sessionId } = await auth.signIn({ token: text, ip: '203.0.113.7' })
    await temp.store.close()
    expect((await readFile(temp.file)).includes(sessionId)).toBe(false)
    await temp.reopen()
    auth = open()
    await expect(withCookie(sessionId)).resolves.toMatchObject({ via: 'session' })
  })

  it('compares CSRF tokens exactly', async () => {
    const { text } = await issue()
    const { csrfToken } = await auth.signIn({ token: text, ip: '203.0.113.7' })
    expect(csrfTokenMatches(csrfToken, csrfToken)).toBe(true)
    for (const presented of [null, undefined, '', csrfToken.slice(1), `${csrfToken}x`, csrfToken.toUpperCase() === csrfToken ? 'x' : csrfToken.toUpperCase()])
      expect(csrfTokenMatches(csrfToken, presented)).toBe(false)
  })

  it('expires after 12 hours, and never outlives its token', async () => {
    const { text } = await issue()
    const { sessionId } = await auth.signIn({ token: text, ip: '203.0.113.7' })
    clock.advance(12 * HOUR - 1)
    await expect(withCookie(sessionId)).resolves.toMatchObject({ via: 'session' })
    clock.advance(1)
    expect(await refusal(withCookie(sessionId))).toMatchObject({ code: 'UNAUTHENTICATED', details: { reason: 'session_expired' } })

    const shortLived = await issue(HOUR)
    const short = await auth.signIn({ token: shortLived.text, ip: '203.0.113.7' })
    expect(short.expiresAt).toBe(new Date(clock.now().getTime() + HOUR).toISOString())
  })

  it('ends on sign-out, and when its token is revoked', async () => {
    const { id, text } = await issue()
    const first = await auth.signIn({ token: text, ip: '203.0.113.7' })
    const second = await auth.signIn({ token: text, ip: '203.0.113.7' })
    await auth.signOut(first.sessionId)
    await auth.signOut(first.sessionId)
    await auth.signOut('not a session id')
    expect(await refusal(withCookie(first.sessionId))).toMatchObject({ code: 'UNAUTHENTICATED', details: { reason: 'invalid_token' } })
    await expect(withCookie(second.sessionId)).resolves.toMatchObject({ via: 'session' })

    await temp.store.auth.revokeToken(id, { by: 'root', at: clock.now().toISOString() })
    expect(await refusal(withCookie(second.sessionId))).toMatchObject({ code: 'UNAUTHENTICATED' })
  })

  it('refuses malformed or unknown cookies; no cookie is no credentials', async () => {
    for (const cookie of ['x', 'A'.repeat(43), `${'A'.repeat(42)}!`, 'A'.repeat(10_000)])
      expect((await refusal(withCookie(cookie))).code).toBe('UNAUTHENTICATED')
    expect(await auth.authenticate({ authorization: null, sessionCookie: null })).toBeNull()
    expect(await auth.authenticate({ authorization: null, sessionCookie: '' })).toBeNull()
  })

  it('lets an Authorization header win over the cookie, and never falls back to the cookie when it is bad', async () => {
    const alice = await issue()
    const { sessionId } = await auth.signIn({ token: alice.text, ip: '203.0.113.7' })
    const bearer = await auth.authenticate({ authorization: `Bearer ${alice.text}`, sessionCookie: sessionId })
    expect(bearer).toMatchObject({ via: 'token', csrfToken: null })
    expect((await refusal(auth.authenticate({ authorization: 'Bearer waka_1_nope', sessionCookie: sessionId }))).code).toBe('UNAUTHENTICATED')
  })

  describe('sign-in rate limit (10 failures per 15 minutes per address)', () => {
    const failTimes = async (count: number, ip: string) => {
      for (let index = 0; index < count; index++)
        expect((await refusal(auth.signIn({ token: formatToken(1, mintTokenSecret().secret), ip }))).code).toBe('UNAUTHENTICATED')
    }

    it('refuses the address after 10 failures, even with a valid token, until the window passes', async () => {
      const { text } = await issue()
      await failTimes(10, '198.51.100.1')
      const limited = await refusal(auth.signIn({ token: text, ip: '198.51.100.1' }))
      expect(limited).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterMs: 15 * 60_000 } })
      expect(limited.message).not.toContain(text)
      await expect(auth.signIn({ token: text, ip: '198.51.100.2' })).resolves.toMatchObject({ identity: { name: 'alice' } })

      clock.advance(15 * 60_000)
      await expect(auth.signIn({ token: text, ip: '198.51.100.1' })).resolves.toMatchObject({ identity: { name: 'alice' } })
    })

    it('survives a restart', async () => {
      const { text } = await issue()
      await failTimes(10, '198.51.100.1')
      await temp.reopen()
      auth = open()
      expect((await refusal(auth.signIn({ token: text, ip: '198.51.100.1' }))).code).toBe('RATE_LIMITED')
    })

    it('counts every concurrent attempt, so a burst cannot overshoot the limit', async () => {
      const { text } = await issue()
      const attempts = await Promise.allSettled(
        Array.from({ length: 30 }, () => auth.signIn({ token: formatToken(1, mintTokenSecret().secret), ip: '198.51.100.1' })),
      )
      const codes = attempts.map((attempt) => (attempt.status === 'rejected' ? (attempt.reason as { code: string }).code : 'ok'))
      expect(codes.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(10)
      expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(20)
      expect((await refusal(auth.signIn({ token: text, ip: '198.51.100.1' }))).code).toBe('RATE_LIMITED')
    })

    it('does not count successful sign-ins', async () => {
      const { text } = await issue()
      for (let index = 0; index < 25; index++) await auth.signIn({ token: text, ip: '198.51.100.1' })
      await failTimes(10, '198.51.100.1')
      expect((await refusal(auth.signIn({ token: text, ip: '198.51.100.1' }))).code).toBe('RATE_LIMITED')
    })

    it('keys by address only: a flood of different tokens and names from one address shares one counter', async () => {
      const { text } = await issue()
      for (let index = 0; index < 200; index++)
        await refusal(auth.signIn({ token: formatToken(index + 1, mintTokenSecret().secret), ip: '198.51.100.1' }))
      expect((await refusal(auth.signIn({ token: text, ip: '198.51.100.1' }))).code).toBe('RATE_LIMITED')
    })

    it('counts an IPv6 /64 as one address, and IPv4-mapped IPv6 as the IPv4 address', async () => {
      await failTimes(5, '2001:db8:1:2::1')
      await failTimes(5, '2001:db8:1:2:ffff:ffff:ffff:ffff')
      expect((await refusal(auth.signIn({ token: (await issue()).text, ip: '2001:0db8:0001:0002::abcd' }))).code).toBe('RATE_LIMITED')
      await failTimes(10, '::ffff:198.51.100.9')
      expect((await refusal(auth.signIn({ token: (await issue()).text, ip: '198.51.100.9' }))).code).toBe('RATE_LIMITED')
    })
  })
})

describe('signInKey', () => {
  it.each([
    ['198.51.100.1', 'ip:198.51.100.1'],
    ['::ffff:198.51.100.1', 'ip:198.51.100.1'],
    ['::ffff:c633:6401', 'ip:198.51.100.1'],
    ['2001:db8::1', 'ip:2001:db8:0:0::/64'],
    ['2001:DB8:0:0:1:2:3:4', 'ip:2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'ip:fe80:0:0:0::/64'],
    ['::1', 'ip:0:0:0:0::/64'],
    ['', 'ip:unknown'],
    ['unknown', 'ip:unknown'],
    ['198.51.100.1, 10.0.0.1', 'ip:unknown'],
  ])('%j → %s', (ip, key) => {
    expect(signInKey(ip)).toBe(key)
  })
})
