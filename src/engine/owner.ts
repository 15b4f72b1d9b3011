import { hostname } from 'node:os'

/** `host:pid` — who holds a lease. */
export const processOwner = (): string => `${hostname()}:${process.pid}`

/**
 * Whether the process that owns a lease may still be alive. Only a process on this host can be
 * proven dead (no such pid); for other hosts the lease's expiry decides.
 */
export const isOwnerAlive = (owner: string): boolean => {
  const separator = owner.lastIndexOf(':')
  const host = owner.slice(0, separator)
  const pid = Number(owner.slice(separator + 1))
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
