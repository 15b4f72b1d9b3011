import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { auditHash, canonicalJson, GENESIS_HASH, verifyAuditChain, type AuditEvent, type AuditFields } from './audit-chain.ts'

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

const fields = (n: number): AuditFields => ({
  at: `2026-11-26T12:00:0${n}Z`,
  actor: 'alice',
  action: 'deployment.running',
  service: 'web',
  environment: 'production',
  deploymentId: n,
  releaseDigest: `sha256:${'d'.repeat(64)}`,
  epoch: n,
  reason: `step ${n}`,
  data: { kind: 'deploy', nested: { b: 1, a: 2 } },
})

const chain = (count: number): AuditEvent[] => {
  const events: AuditEvent[] = []
  let prevHash = GENESIS_HASH
  for (let seq = 1; seq <= count; seq++) {
    const hash = auditHash(sha256, seq, prevHash, fields(seq))
    events.push({ seq, prevHash, hash, ...fields(seq) })
    prevHash = hash
  }
  return events
}

describe('audit hash chain', () => {
  it('verifies an untouched chain', () => {
    expect(verifyAuditChain(chain(5), sha256)).toMatchObject({ ok: true, events: 5 })
  })
  it('reports an edited event at its seq', () => {
    const events = chain(5)
    events[2] = { ...events[2]!, actor: 'mallory' }
    expect(verifyAuditChain(events, sha256)).toMatchObject({ ok: false, brokenAt: 3 })
  })
  it('reports a deleted event as missing', () => {
    const events = chain(5)
    events.splice(1, 1)
    expect(verifyAuditChain(events, sha256)).toMatchObject({ ok: false, brokenAt: 2 })
  })
  it('reports a chain whose first events were removed', () => {
    expect(verifyAuditChain(chain(5).slice(2), sha256)).toMatchObject({ ok: false, brokenAt: 3 })
  })
  it('reports a recomputed hash that no longer links to the next event', () => {
    const events = chain(4)
    const edited = { ...fields(2), reason: 'rewritten' }
    events[1] = { ...events[1]!, ...edited, hash: auditHash(sha256, 2, events[1]!.prevHash, edited) }
    expect(verifyAuditChain(events, sha256)).toMatchObject({ ok: false, brokenAt: 3 })
  })
  it('serialises objects with sorted keys at every depth', () => {
    expect(canonicalJson({ b: { y: 1, x: [{ d: 1, c: 2 }] }, a: null })).toBe('{"a":null,"b":{"x":[{"c":2,"d":1}],"y":1}}')
  })
})
