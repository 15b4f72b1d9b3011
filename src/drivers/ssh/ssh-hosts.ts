import { userInfo } from 'node:os'
import { WakaError } from '../../core/errors.ts'
import type { DriverScope, Target } from '../driver.ts'
import type { SshDriverSettings } from '../../settings/ssh-settings.ts'
import { bareAddress, userProblem } from '../../settings/ssh-names.ts'

/** One host as the driver works with it: every default applied. */
export interface SshHost {
  /** What logs, inspect and status call it. */
  readonly id: string
  /** What is dialled (an IPv6 literal without brackets). */
  readonly address: string
  readonly port: number
  readonly user: string
  /** The deploy directory on the host. */
  readonly path: string
  readonly fingerprints: readonly string[]
}

const DEFAULT_PORT = 22

const defaultUser = (): string => {
  const name = userInfo().username
  if (userProblem(name) !== null) throw new WakaError('INVALID_CONFIG', `the ssh driver needs a user: this process runs as ${JSON.stringify(name)}, which is not a usable SSH user name`)
  return name
}

export const resolveHosts = (settings: SshDriverSettings, scope: DriverScope): SshHost[] => {
  const port = settings.port ?? DEFAULT_PORT
  const path = settings.path ?? `waka/${scope.service}/${scope.environment}`
  const shared = settings.fingerprints ?? []
  let user: string | undefined = settings.user
  const hosts = settings.hosts.map((entry): SshHost => {
    const host = typeof entry === 'string' ? { address: entry } : entry
    const address = bareAddress(host.address)
    const hostPort = host.port ?? port
    const shown = address.includes(':') ? `[${address}]` : address
    return {
      id: host.name ?? (hostPort === DEFAULT_PORT ? shown : `${shown}:${hostPort}`),
      address,
      port: hostPort,
      user: host.user ?? (user ??= defaultUser()),
      path: host.path ?? path,
      fingerprints: [...shared, ...(host.fingerprints ?? [])],
    }
  })
  const seen = new Set<string>()
  for (const host of hosts) {
    if (seen.has(host.id))
      throw new WakaError('INVALID_CONFIG', `ssh driver of ${scope.service} in ${scope.environment}: the host ${host.id} is listed twice (give each a distinct name)`)
    seen.add(host.id)
  }
  return hosts
}

/** Where each host serves HTTP, for health checks. */
export const hostTarget = (host: SshHost, healthPort: number | undefined): Target => {
  const base = host.address.includes(':') ? `[${host.address}]` : host.address
  return { id: host.id, httpBase: `http://${base}${healthPort === undefined ? '' : `:${healthPort}`}` }
}
