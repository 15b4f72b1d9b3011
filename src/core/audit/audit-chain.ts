/**
 * The audit log is append-only and tamper-evident: each event carries the hash of the one before,
 * so editing or deleting any event breaks every link after it. The hash function is handed in
 * (core does no I/O and imports no `node:*`).
 */
export interface AuditFields {
  readonly at: string
  readonly actor: string
  readonly action: string
  readonly service: string | null
  readonly environment: string | null
  readonly deploymentId: number | null
  readonly releaseDigest: string | null
  readonly epoch: number | null
  readonly reason: string | null
  readonly data: Readonly<Record<string, unknown>> | null
}

export interface AuditEvent extends AuditFields {
  readonly seq: number
  readonly prevHash: string
  readonly hash: string
}

export type HashText = (text: string) => string

/** The hash every chain starts from. */
export const GENESIS_HASH = '0'.repeat(64)

/** JSON with object keys sorted at every level: one text for one value. */
export const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  )

export const auditHash = (hash: HashText, seq: number, prevHash: string, fields: AuditFields): string =>
  hash(`${seq}\n${prevHash}\n${canonicalJson(fields)}`)

export type ChainVerdict =
  | { readonly ok: true; readonly events: number; readonly head: string }
  | { readonly ok: false; readonly events: number; readonly brokenAt: number; readonly problem: string }

/** Walks the events in order and reports the first broken link. */
export const verifyAuditChain = (events: Iterable<AuditEvent>, hash: HashText): ChainVerdict => {
  let prevHash = GENESIS_HASH
  let expectedSeq: number | null = null
  let count = 0
  for (const event of events) {
    count++
    if (expectedSeq !== null && event.seq !== expectedSeq)
      return { ok: false, events: count, brokenAt: expectedSeq, problem: `event ${expectedSeq} is missing (next is ${event.seq})` }
    if (event.prevHash !== prevHash)
      return { ok: false, events: count, brokenAt: event.seq, problem: `event ${event.seq} does not link to the event before it` }
    const { seq, prevHash: _prev, hash: recorded, ...fields } = event
    if (auditHash(hash, seq, prevHash, fields) !== recorded)
      return { ok: false, events: count, brokenAt: seq, problem: `event ${seq} was changed after it was written` }
    prevHash = recorded
    expectedSeq = seq + 1
  }
  return { ok: true, events: count, head: prevHash }
}
