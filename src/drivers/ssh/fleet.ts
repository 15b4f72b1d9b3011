/** The hosts of one driver and how steps reach them; plus how per-host failures add up to one. */
import type { Client } from 'ssh2'
import { WakaError } from '../../core/errors.ts'
import { DriverFailure } from '../driver.ts'
import type { Outcome } from '../parallel.ts'
import type { SshHost } from './ssh-hosts.ts'

export interface Fleet {
  readonly hosts: readonly SshHost[]
  readonly parallel: number
  readonly timeoutMs: number
  readonly compress: boolean
  /** Runs `work` on the host's (pooled) connection. */
  use<T>(host: SshHost, signal: AbortSignal, work: (client: Client) => Promise<T>): Promise<T>
}

const SEVERITY: readonly string[] = ['CANCELLED', 'STALE_EPOCH', 'ARTIFACT_INVALID', 'TIMEOUT', 'DRIVER_FAILED']

const rank = (error: unknown): number => {
  const code = error instanceof WakaError ? error.code : 'INTERNAL'
  const found = SEVERITY.indexOf(code)
  return found < 0 ? -1 : found
}

/**
 * One error for the hosts that failed a step: the most telling code (a bug first, then a
 * cancellation, a stale epoch, a bad artifact, a timeout), and every host's reason in the message.
 */
export const combineFailures = (step: string, hosts: readonly SshHost[], outcomes: readonly Outcome<unknown>[]): Error | null => {
  const failed = outcomes.flatMap((outcome, index) => (outcome.status === 'failed' ? [{ host: hosts[index] as SshHost, error: outcome.error }] : []))
  if (failed.length === 0) return null
  const worst = [...failed].sort((a, b) => rank(a.error) - rank(b.error))[0] as (typeof failed)[number]
  if (!(worst.error instanceof WakaError)) return worst.error as Error
  if (failed.length === 1) return worst.error
  const lines = failed.map(({ error }) => `- ${error instanceof Error ? error.message : String(error)}`)
  const message = `${step} failed on ${failed.length} of ${hosts.length} hosts:\n${lines.join('\n')}`
  const code = worst.error.code
  if (code === 'CANCELLED') return new WakaError('CANCELLED', message, { cause: worst.error })
  const details = { ...worst.error.details, host: undefined, hosts: failed.map(({ host }) => host.id) }
  return new DriverFailure(code as ConstructorParameters<typeof DriverFailure>[0], message, { cause: worst.error, details })
}
