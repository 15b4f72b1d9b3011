import { formatDuration } from '../duration.ts'
import { block, pass, wait, type GateCheck } from './gate.ts'

/** What the ledger says about a release in the upstream (`promoteFrom`) environment. */
export interface UpstreamFact {
  readonly environment: string
  /** A deployment of the release succeeded there at least once. */
  readonly succeeded: boolean
  /** When the release is live there now: since when (ms); otherwise null. */
  readonly liveSince: number | null
  /** The longest time the release stayed live there, counting the current stretch up to now. */
  readonly longestLiveMs: number
}

/** The release must have succeeded in the upstream environment. */
export const checkUpstream = (version: string, upstream: UpstreamFact | null): GateCheck => {
  if (upstream === null) return pass('upstream', 'this environment takes releases directly')
  return upstream.succeeded
    ? pass('upstream', `release ${version} succeeded in ${upstream.environment}`)
    : block('upstream', `release ${version} has not succeeded in ${upstream.environment}; promote it there first`)
}

/** The release must have stayed live and healthy upstream for the soak time. */
export const checkSoak = (soakMs: number, upstream: UpstreamFact | null): GateCheck => {
  if (soakMs <= 0 || upstream === null) return pass('soak', 'no soak time required')
  if (!upstream.succeeded) return block('soak', `soak cannot start before the release succeeds in ${upstream.environment}`)
  const required = formatDuration(soakMs)
  if (upstream.longestLiveMs >= soakMs)
    return pass('soak', `live in ${upstream.environment} for ${formatDuration(upstream.longestLiveMs)} (soak ${required})`)
  if (upstream.liveSince === null)
    return block(
      'soak',
      `live in ${upstream.environment} for only ${formatDuration(upstream.longestLiveMs)} before it was replaced; soak needs ${required}`,
    )
  const opensAt = upstream.liveSince + soakMs
  // an absolute time, so the reason does not change (and get rewritten) while it waits
  return wait('soak', `soaking in ${upstream.environment} until ${new Date(opensAt).toISOString()} (soak ${required})`, opensAt)
}
