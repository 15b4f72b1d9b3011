/**
 * Where the driver's key comes from and where its host key pins live. Paths in waka.yml resolve
 * against the directory of waka.yml; `~/` means the home directory of the user running Waka.
 */
import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { DriverFailure, type DriverScope } from '../driver.ts'
import { isErrno } from '../../fs/atomic-file.ts'
import type { SshDriverSettings } from '../../settings/ssh-settings.ts'

export interface SshAuth {
  readonly privateKey: Buffer | null
  /** The agent socket (SSH_AUTH_SOCK). */
  readonly agent: string | null
}

const DEFAULT_KEYS = ['id_ed25519', 'id_ecdsa', 'id_rsa']

export const resolveLocalPath = (path: string, scope: DriverScope): string =>
  path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : resolve(scope.configDir, path)

export const knownHostsPath = (settings: SshDriverSettings, scope: DriverScope): string =>
  settings.knownHosts === undefined ? join(homedir(), '.ssh', 'known_hosts') : resolveLocalPath(settings.knownHosts, scope)

const readKey = async (path: string): Promise<Buffer | null> => {
  try {
    return await readFile(path)
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null
    throw new DriverFailure('DRIVER_FAILED', `cannot read the SSH identity file ${path}: ${(error as Error).message}`, { cause: error })
  }
}

/** The configured identity file, else the agent, else the first default key in ~/.ssh. */
export const resolveAuth = async (settings: SshDriverSettings, scope: DriverScope, env: NodeJS.ProcessEnv = process.env): Promise<SshAuth> => {
  if (settings.identityFile !== undefined) {
    const path = resolveLocalPath(settings.identityFile, scope)
    const key = await readKey(path)
    if (key === null) throw new DriverFailure('DRIVER_FAILED', `the SSH identity file ${path} does not exist`)
    return { privateKey: key, agent: null }
  }
  const agent = env['SSH_AUTH_SOCK']
  if (agent !== undefined && agent !== '') return { privateKey: null, agent }
  for (const name of DEFAULT_KEYS) {
    const key = await readKey(join(homedir(), '.ssh', name))
    if (key !== null) return { privateKey: key, agent: null }
  }
  throw new DriverFailure('DRIVER_FAILED', 'no SSH key to log in with: set identityFile in the ssh driver settings, or run an agent (SSH_AUTH_SOCK)')
}
