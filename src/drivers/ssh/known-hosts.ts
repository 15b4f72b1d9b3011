/**
 * OpenSSH known_hosts files (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"): host patterns with `*`, `?`
 * and `!` negation, `[host]:port` for ports other than 22, hashed names (`|1|salt|hash`) and the
 * `@revoked` marker. `@cert-authority` lines are skipped: certificates are not supported.
 */
import { createHash, createHmac } from 'node:crypto'

export interface KnownKey {
  /** The key type written on the line, e.g. ssh-ed25519. */
  readonly type: string
  /** The public key blob, as the server presents it during key exchange. */
  readonly blob: Buffer
  readonly revoked: boolean
}

interface KnownLine extends KnownKey {
  readonly hosts: string
}

/** `SHA256:<base64 without padding>`, the form `ssh-keygen -lf` prints. */
export const fingerprintOf = (blob: Buffer): string => `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`

/** The name a known_hosts line uses for a host: `host`, or `[host]:port` when the port is not 22. */
export const knownHostsName = (address: string, port: number): string => (port === 22 ? address : `[${address}]:${port}`)

/** The key type recorded inside a public key blob (its first SSH string). */
export const blobKeyType = (blob: Buffer): string | null => {
  if (blob.length < 4) return null
  const length = blob.readUInt32BE(0)
  return length > 0 && length < 64 && 4 + length <= blob.length ? blob.subarray(4, 4 + length).toString('latin1') : null
}

export const parseKnownHosts = (text: string): KnownLine[] => {
  const lines: KnownLine[] = []
  for (const raw of text.split('\n')) {
    const fields = raw.trim().split(/\s+/)
    if (fields[0] === undefined || fields[0] === '' || fields[0].startsWith('#')) continue
    let revoked = false
    if (fields[0].startsWith('@')) {
      if (fields[0] !== '@revoked') continue
      revoked = true
      fields.shift()
    }
    const [hosts, type, key] = fields
    if (hosts === undefined || type === undefined || key === undefined) continue
    const blob = Buffer.from(key, 'base64')
    if (blob.length === 0 || blobKeyType(blob) !== type) continue
    lines.push({ hosts, type, blob, revoked })
  }
  return lines
}

const wildcard = (pattern: string): RegExp =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.')}$`, 'i')

const hashedMatches = (entry: string, name: string): boolean => {
  const [, magic, salt, hash] = entry.split('|')
  if (magic !== '1' || salt === undefined || hash === undefined) return false
  return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash
}

/** Whether a line's host field names `name`: some pattern matches and no negated one does. */
export const hostsFieldMatches = (field: string, name: string): boolean => {
  if (field.startsWith('|')) return hashedMatches(field, name)
  let matched = false
  for (const pattern of field.split(',')) {
    if (pattern.startsWith('!')) {
      if (wildcard(pattern.slice(1)).test(name)) return false
    } else if (wildcard(pattern).test(name)) matched = true
  }
  return matched
}

/** The keys known_hosts text holds for `address:port`. */
export const knownKeysFor = (lines: readonly KnownLine[], address: string, port: number): KnownKey[] => {
  const name = knownHostsName(address, port)
  return lines.filter((line) => hostsFieldMatches(line.hosts, name)).map(({ type, blob, revoked }) => ({ type, blob, revoked }))
}
