import { describe, expect, it } from 'vitest'
import type { NewApiToken, Session } from '../../core/auth-store.ts'
import { sha256Hex } from '../sha256-hex.ts'
import { at, type Subject } from './fixtures.ts'

const aToken = (overrides: Partial<NewApiToken> = {}): NewApiToken => ({
  name: 'ci',
  subject: 'ci',
  role: 'deployer',
  environments: ['staging', 'production'],
  secretSha256: sha256Hex('secret'),
  createdBy: 'root',
  createdAt: at(0),
  expiresAt: at(86_400),
  ...overrides,
})

const aSession = (tokenId: number, overrides: Partial<Session> = {}): Session => ({
  idSha256: sha256Hex('session-1'),
  tokenId,
  subject: 'ci',
  csrfToken: 'csrf-1',
  createdAt: at(10),
  expiresAt: at(3_600),
  ...overrides,
})

export const authCases = (subject: Subject): void => {
  describe('api tokens', () => {
    it('stores a token with its role and environments, and lists tokens newest first without their secret hash', async () => {
      const { store } = subject()
      const first = await store.auth.insertToken(aToken())
      const second = await store.auth.insertToken(aToken({ name: 'alice-laptop', subject: 'alice', role: null, environments: [] }))
      expect(first).toEqual({ ...aToken(), id: first.id, revokedAt: null, revokedBy: null })
      expect(second.id).toBeGreaterThan(first.id)
      expect(await store.auth.getToken(first.id)).toEqual(first)
      expect(await store.auth.getToken(second.id + 1)).toBeNull()

      const listed = await store.auth.listTokens()
      expect(listed.map((token) => token.name)).toEqual(['alice-laptop', 'ci'])
      for (const token of listed) expect(token).not.toHaveProperty('secretSha256')
    })

    it('revokes a token once, ending its sessions and only its sessions', async () => {
      const { store } = subject()
      const ci = await store.auth.insertToken(aToken())
      const other = await store.auth.insertToken(aToken({ name: 'other' }))
      await store.auth.insertSession(aSession(ci.id))
      await store.auth.insertSession(aSession(other.id, { idSha256: sha256Hex('session-2') }))

      const revoked = await store.auth.revokeToken(ci.id, { by: 'root', at: at(100) })
      expect(revoked).toMatchObject({ id: ci.id, revokedAt: at(100), revokedBy: 'root' })
      expect(await store.auth.revokeToken(ci.id, { by: 'someone-else', at: at(200) })).toBeNull()
      expect(await store.auth.revokeToken(other.id + 100, { by: 'root', at: at(200) })).toBeNull()
      expect(await store.auth.getToken(ci.id)).toMatchObject({ revokedAt: at(100), revokedBy: 'root' })

      expect(await store.auth.getSession(sha256Hex('session-1'))).toBeNull()
      expect(await store.auth.getSession(sha256Hex('session-2'))).toMatchObject({ tokenId: other.id })
    })

    it('inside a write, lands or rolls back with the rest of the transaction', async () => {
      const { store } = subject()
      await expect(
        store.write(async (tx) => {
          await tx.auth.insertToken(aToken())
          throw new Error('something later in the transaction failed')
        }),
      ).rejects.toThrow('something later')
      expect(await store.auth.listTokens()).toEqual([])
      const token = await store.write((tx) => tx.auth.insertToken(aToken()))
      expect(await store.auth.getToken(token.id)).toEqual(token)
    })
  })

  describe('sessions', () => {
    it('stores, reads and deletes a session', async () => {
      const { store } = subject()
      const token = await store.auth.insertToken(aToken())
      const session = aSession(token.id)
      await store.auth.insertSession(session)
      expect(await store.auth.getSession(session.idSha256)).toEqual(session)
      expect(await store.auth.deleteSession(session.idSha256)).toBe(true)
      expect(await store.auth.deleteSession(session.idSha256)).toBe(false)
      expect(await store.auth.getSession(session.idSha256)).toBeNull()
    })

    it('removes expired sessions when it stores a new one', async () => {
      const { store } = subject()
      const token = await store.auth.insertToken(aToken())
      await store.auth.insertSession(aSession(token.id, { idSha256: sha256Hex('old'), expiresAt: at(50) }))
      await store.auth.insertSession(aSession(token.id, { idSha256: sha256Hex('new'), createdAt: at(50) }))
      expect(await store.auth.getSession(sha256Hex('old'))).toBeNull()
      expect(await store.auth.getSession(sha256Hex('new'))).not.toBeNull()
    })

    it('refuses a session of a token that does not exist', async () => {
      const { store } = subject()
      await expect(store.auth.insertSession(aSession(404))).rejects.toThrow()
    })
  })

  describe('sign-in attempts', () => {
    const window = (nowMs: number) => ({ nowMs, windowMs: 1_000 })

    it('counts attempts per key within a window and starts over when the window ends', async () => {
      const { store } = subject()
      expect(await store.auth.countSignInAttempt('ip:10.0.0.1', window(0))).toEqual({ attempts: 1, windowStartMs: 0 })
      expect(await store.auth.countSignInAttempt('ip:10.0.0.1', window(500))).toEqual({ attempts: 2, windowStartMs: 0 })
      expect(await store.auth.countSignInAttempt('ip:10.0.0.2', window(600))).toEqual({ attempts: 1, windowStartMs: 600 })
      expect(await store.auth.countSignInAttempt('ip:10.0.0.1', window(999))).toEqual({ attempts: 3, windowStartMs: 0 })
      expect(await store.auth.countSignInAttempt('ip:10.0.0.1', window(1_000))).toEqual({ attempts: 1, windowStartMs: 1_000 })
    })

    it('takes back a forgiven attempt, never below zero', async () => {
      const { store } = subject()
      await store.auth.countSignInAttempt('ip:10.0.0.1', window(0))
      await store.auth.countSignInAttempt('ip:10.0.0.1', window(1))
      await store.auth.forgiveSignInAttempt('ip:10.0.0.1')
      expect((await store.auth.countSignInAttempt('ip:10.0.0.1', window(2))).attempts).toBe(2)
      for (let index = 0; index < 5; index++) await store.auth.forgiveSignInAttempt('ip:10.0.0.1')
      await store.auth.forgiveSignInAttempt('ip:unknown')
      expect((await store.auth.countSignInAttempt('ip:10.0.0.1', window(3))).attempts).toBe(1)
    })

    it('counts every one of many concurrent attempts exactly once', async () => {
      const { store } = subject()
      const counts = await Promise.all(Array.from({ length: 25 }, () => store.auth.countSignInAttempt('ip:10.0.0.9', window(0))))
      expect(counts.map((count) => count.attempts).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, index) => index + 1))
    })
  })

  describe('OIDC token ids', () => {
    it('remembers a token id until it expires: the second use is a replay', async () => {
      const { store } = subject()
      expect(await store.auth.rememberTokenId('jti-1', 2_000, 1_000)).toBe(true)
      expect(await store.auth.rememberTokenId('jti-1', 2_000, 1_500)).toBe(false)
      expect(await store.auth.rememberTokenId('jti-2', 2_000, 1_500)).toBe(true)
      expect(await store.auth.rememberTokenId('jti-1', 3_000, 2_000)).toBe(true)
    })

    it('lets exactly one of many concurrent uses of a token id through', async () => {
      const { store } = subject()
      const results = await Promise.all(Array.from({ length: 20 }, () => store.auth.rememberTokenId('jti-race', 10_000, 0)))
      expect(results.filter(Boolean)).toHaveLength(1)
    })
  })
}
