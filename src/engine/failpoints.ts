import { WakaError } from '../core/errors.ts'

/**
 * Named places where tests kill the engine (`WAKA_FAILPOINTS=after_activate`) to prove that every
 * crash leaves a state the next start can reconcile. Unset in normal use.
 */
export const FAILPOINTS = ['after_lock', 'after_prepare', 'after_activate', 'during_health', 'during_rollback'] as const
export type Failpoint = (typeof FAILPOINTS)[number]

export const parseFailpoints = (text: string | undefined): ReadonlySet<Failpoint> => {
  const names = (text ?? '').split(',').map((name) => name.trim()).filter(Boolean)
  for (const name of names)
    if (!(FAILPOINTS as readonly string[]).includes(name))
      throw new WakaError('INVALID_ARGUMENT', `WAKA_FAILPOINTS: unknown failpoint ${JSON.stringify(name)} (known: ${FAILPOINTS.join(', ')})`)
  return new Set(names as Failpoint[])
}

/** Kills this process at once, as a crash would, when the failpoint is armed. */
export const hitFailpoint = (armed: ReadonlySet<Failpoint>, name: Failpoint): void => {
  if (armed.has(name)) process.kill(process.pid, 'SIGKILL')
}
