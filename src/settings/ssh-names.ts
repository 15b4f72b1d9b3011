/**
 * Allowlists for what the `ssh` driver takes from waka.yml and puts on the wire: host names, users,
 * remote paths and host key fingerprints. None of them can start with `-` or hold a shell
 * metacharacter, whitespace or a control character (CVE-2023-51385; catalogue B7).
 */
import { isIP } from 'node:net'

/** DNS names: dot-separated labels of letters, digits and inner hyphens. */
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/
export const SSH_USER_PATTERN = /^[A-Za-z_][A-Za-z0-9._-]{0,31}$/
/** Letters, digits and `. _ / @ + = , : -`, not starting with `-`. Relative paths start in the login directory. */
export const REMOTE_PATH_PATTERN = /^[A-Za-z0-9._/@+=,:][A-Za-z0-9._/@+=,:-]{0,1023}$/
/** `SHA256:` and 43 base64 characters, as `ssh-keygen -lf` prints it. */
export const FINGERPRINT_PATTERN = /^SHA256:[A-Za-z0-9+/]{43}$/

/** An IPv6 literal may be written with brackets; the bare form is what is dialled. */
export const bareAddress = (address: string): string => (address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address)

/** Why `address` cannot name a host, or null: a DNS name, an IPv4 address or an IPv6 literal. */
export const hostAddressProblem = (address: string): string | null => {
  if (address.startsWith('-')) return 'a host name, not something that reads as a flag'
  const bare = bareAddress(address)
  if (isIP(bare) === 6 && !bare.includes('%')) return null
  if (address !== bare) return 'an IPv6 address inside the brackets'
  if (isIP(bare) === 4 || HOSTNAME.test(bare)) return null
  return 'a host name of letters, digits, dots and hyphens, or an IP address'
}

export const userProblem = (user: string): string | null =>
  SSH_USER_PATTERN.test(user) ? null : 'a user name of letters, digits, ".", "_" and "-", starting with a letter or "_"'

export const remotePathProblem = (path: string): string | null => {
  if (!REMOTE_PATH_PATTERN.test(path)) return 'a path of letters, digits and . _ / @ + = , : - (no spaces or shell metacharacters, not starting with "-")'
  if (path.split('/').some((segment) => segment === '..')) return 'a path without ".." segments'
  return null
}
