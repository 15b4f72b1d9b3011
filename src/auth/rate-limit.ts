/**
 * Sign-in rate limiting, keyed by client address only (so made-up user names cannot spread an
 * attack over many counters) and counted in the store (so a restart does not reset it). An attempt
 * is counted before the token is checked, so concurrent attempts cannot overshoot the limit;
 * attempts that succeed are taken back.
 */
import { isIP } from 'node:net'
import type { AuthStore } from '../core/auth-store.ts'
import { WakaError, isWakaError } from '../core/errors.ts'

export interface SignInLimit {
  /** Failed sign-ins allowed per address in one window. */
  readonly maxFailures: number
  readonly windowMs: number
}

export const DEFAULT_SIGN_IN_LIMIT: SignInLimit = { maxFailures: 10, windowMs: 15 * 60_000 }

const ipv4Of = (groups: readonly number[]): string =>
  [groups[6] ?? 0, groups[7] ?? 0].flatMap((group) => [group >> 8, group & 0xff]).join('.')

/** The eight 16-bit groups of an IPv6 address that `isIP` accepted. */
const ipv6Groups = (address: string): number[] => {
  let text = address.split('%')[0] ?? ''
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text)
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number]
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const [head = '', tail] = text.split('::')
  const parse = (part: string): number[] => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)))
  const before = parse(head)
  const after = tail === undefined ? [] : parse(tail)
  return [...before, ...Array<number>(8 - before.length - after.length).fill(0), ...after]
}

/**
 * The counter an address counts against: an IPv4 address on its own (also when written as
 * IPv4-mapped IPv6), an IPv6 address by its /64 network, since one host usually holds a whole /64.
 * Anything else shares one counter, which fails closed.
 */
export const signInKey = (ip: string): string => {
  const version = isIP(ip)
  if (version === 4) return `ip:${ip}`
  if (version !== 6) return 'ip:unknown'
  const groups = ipv6Groups(ip)
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) return `ip:${ipv4Of(groups)}`
  return `ip:${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`
}

/**
 * Runs `attempt` unless the address has used up its failures in this window (RATE_LIMITED).
 * An attempt that fails with UNAUTHENTICATED stays counted; any other outcome is taken back.
 */
export const limitSignIn = async <T>(
  auth: Pick<AuthStore, 'countSignInAttempt' | 'forgiveSignInAttempt'>,
  request: { readonly ip: string; readonly nowMs: number; readonly limit: SignInLimit },
  attempt: () => Promise<T>,
): Promise<T> => {
  const key = signInKey(request.ip)
  const { attempts, windowStartMs } = await auth.countSignInAttempt(key, { nowMs: request.nowMs, windowMs: request.limit.windowMs })
  if (attempts > request.limit.maxFailures) {
    const retryAfterMs = Math.max(0, windowStartMs + request.limit.windowMs - request.nowMs)
    throw new WakaError('RATE_LIMITED', `too many failed sign-ins from this address; try again in ${Math.ceil(retryAfterMs / 1000)} s`, {
      details: { retryAfterMs },
    })
  }
  // Failing to take an attempt back leaves the count one too high: it fails closed, so it does not fail the sign-in.
  const forgive = () => auth.forgiveSignInAttempt(key).catch(() => undefined)
  try {
    const result = await attempt()
    await forgive()
    return result
  } catch (error) {
    if (!(isWakaError(error) && error.code === 'UNAUTHENTICATED')) await forgive()
    throw error
  }
}
