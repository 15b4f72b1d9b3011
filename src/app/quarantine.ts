import { WakaError } from '../core/errors.ts'
import { isAllowed } from '../core/access/access-policy.ts'
import { describeRelease } from '../core/release/release.ts'
import type { Quarantine } from '../core/store.ts'
import type { AppContext } from './context.ts'
import { requireService, resolveRelease } from './lookup.ts'
import { requireReason } from './reason.ts'
import { audit } from './record.ts'

export interface QuarantineInput {
  readonly actor: string
  readonly service: string
  readonly release: string
  readonly reason: string | null
  /** Lift an existing quarantine instead of placing one. */
  readonly lift: boolean
}

const authorizeQuarantine = (context: AppContext, actor: string): void => {
  const environments = Object.keys(context.policy.environments)
  if (environments.some((environment) => isAllowed(context.policy.access, actor, 'quarantine', environment))) return
  throw new WakaError('FORBIDDEN', `${actor} may not quarantine releases (it takes the admin role)`)
}

/** A quarantined release never deploys again, by any path, until the quarantine is lifted. */
export const quarantine = (context: AppContext, input: QuarantineInput): Promise<Quarantine | null> =>
  context.store.write(async (tx) => {
    requireService(context.policy, input.service)
    authorizeQuarantine(context, input.actor)
    const release = await resolveRelease(tx, input.service, input.release)
    const reason = requireReason(input.reason)
    const existing = await tx.getQuarantine(input.service, release.id)
    const facts = { actor: input.actor, service: input.service, releaseDigest: release.digest, reason, data: { version: release.version } }
    if (input.lift) {
      if (!existing) throw new WakaError('NOT_FOUND', `${describeRelease(release)} is not quarantined`)
      await tx.deleteQuarantine(input.service, release.id)
      await audit(tx, context.clock, { ...facts, action: 'quarantine.lifted' })
      return null
    }
    if (existing) throw new WakaError('CONFLICT', `${describeRelease(release)} is already quarantined by ${existing.by}: ${existing.reason}`)
    const record = { service: input.service, releaseId: release.id, by: input.actor, reason, createdAt: context.clock.now().toISOString() }
    await tx.insertQuarantine(record)
    await audit(tx, context.clock, { ...facts, action: 'quarantine.placed' })
    return record
  })
