import { verifyAuditChain, type AuditEvent, type ChainVerdict } from '../core/audit/audit-chain.ts'
import { authorizeAnyRead } from './authorize.ts'
import type { AppContext } from './context.ts'

const PAGE = 1000

async function* allEvents(context: AppContext): AsyncGenerator<AuditEvent> {
  let after = 0
  for (;;) {
    const page = await context.store.listAudit(after, PAGE)
    yield* page
    const last = page.at(-1)
    if (!last || page.length < PAGE) return
    after = last.seq
  }
}

/** Recomputes the audit hash chain and reports the first broken link. */
export const verifyAudit = async (context: AppContext, input: { actor: string }): Promise<ChainVerdict> => {
  authorizeAnyRead(context.policy, input.actor)
  const events: AuditEvent[] = []
  for await (const event of allEvents(context)) events.push(event)
  return verifyAuditChain(events, context.hash)
}

/** A page of the audit log, oldest first, for export. */
export const listAudit = (context: AppContext, input: { actor: string; afterSeq: number; limit: number }): Promise<AuditEvent[]> => {
  authorizeAnyRead(context.policy, input.actor)
  return context.store.listAudit(input.afterSeq, input.limit)
}
