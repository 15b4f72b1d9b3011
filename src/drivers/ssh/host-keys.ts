/**
 * Host key pinning: a host is trusted only when the key it presents is in the known_hosts file or
 * among the configured fingerprints. Unknown keys are refused unless `trustOnFirstUse` says to
 * record them; a key that differs from a pinned one is always refused.
 */
import { appendFile, mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { blobKeyType, fingerprintOf, knownHostsName, type KnownKey } from './known-hosts.ts'

export interface HostKeyPolicy {
  /** Keys the known_hosts file holds for this host. */
  readonly known: readonly KnownKey[]
  /** Fingerprints waka.yml pins for this host (its own and the driver-wide ones). */
  readonly fingerprints: readonly string[]
  readonly trustOnFirstUse: boolean
}

export type HostKeyVerdict = 'trusted' | 'first-use' | 'unknown' | 'changed' | 'revoked'

export const judgeHostKey = (policy: HostKeyPolicy, blob: Buffer): HostKeyVerdict => {
  if (policy.known.some((key) => key.revoked && key.blob.equals(blob))) return 'revoked'
  const pinned = policy.known.filter((key) => !key.revoked)
  if (pinned.some((key) => key.blob.equals(blob)) || policy.fingerprints.includes(fingerprintOf(blob))) return 'trusted'
  if (pinned.length > 0 || policy.fingerprints.length > 0) return 'changed'
  return policy.trustOnFirstUse ? 'first-use' : 'unknown'
}

const ALGORITHMS_BY_KEY_TYPE: Readonly<Record<string, readonly string[]>> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
}

/**
 * The host key algorithms to offer, when only known_hosts pins this host: asking for a type it has
 * no entry for would make a host with several keys present one that looks changed.
 */
export const hostKeyAlgorithms = (policy: HostKeyPolicy): string[] | undefined => {
  if (policy.fingerprints.length > 0 || policy.trustOnFirstUse) return undefined
  const algorithms = policy.known.filter((key) => !key.revoked).flatMap((key) => ALGORITHMS_BY_KEY_TYPE[key.type] ?? [])
  return algorithms.length > 0 ? [...new Set(algorithms)] : undefined
}

/** Appends the key a host presented on first use, so every later connection is checked against it. */
export const recordHostKey = async (file: string, address: string, port: number, blob: Buffer): Promise<void> => {
  const type = blobKeyType(blob)
  if (type === null) throw new TypeError('the host presented a key without a type')
  await mkdir(dirname(file), { recursive: true })
  await appendFile(file, `${knownHostsName(address, port)} ${type} ${blob.toString('base64')}\n`, { mode: 0o600 })
}

/** What went wrong, in words a person can act on. */
export const describeHostKeyProblem = (verdict: Exclude<HostKeyVerdict, 'trusted' | 'first-use'>, fingerprint: string, knownHosts: string): string => {
  switch (verdict) {
    case 'unknown':
      return `its host key ${fingerprint} is not known: add it to ${knownHosts} (ssh-keyscan, checked out of band) or to fingerprints in waka.yml`
    case 'changed':
      return `HOST KEY CHANGED: it presented ${fingerprint}, which is not the key pinned in ${knownHosts} or waka.yml. Someone may be intercepting the connection, or the host was reinstalled; check out of band before updating the pin`
    case 'revoked':
      return `its host key ${fingerprint} is marked @revoked in ${knownHosts}`
  }
}
