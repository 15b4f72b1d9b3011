import { existsSync } from 'node:fs'
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { WakaError } from '../core/errors.ts'

export interface RemoteCredentials {
  readonly url: string
  readonly token: string
}

const credentialsFile = (): string => join(process.env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'waka', 'credentials.json')

/** Saves the server and token `waka login` was given, readable by this user only. */
export const saveCredentials = async (credentials: RemoteCredentials): Promise<string> => {
  const file = credentialsFile()
  await mkdir(dirname(file), { recursive: true, mode: 0o700 })
  await writeFile(file, `${JSON.stringify(credentials)}\n`, { mode: 0o600 })
  await chmod(file, 0o600)
  return file
}

export const forgetCredentials = async (): Promise<boolean> => {
  const file = credentialsFile()
  if (!existsSync(file)) return false
  await rm(file)
  return true
}

/**
 * Remote mode when WAKA_URL is set (with WAKA_TOKEN), or when `waka login` saved credentials and
 * there is no local waka.yml to run embedded on. Otherwise null: embedded mode.
 */
export const remoteCredentials = async (configPath: string): Promise<RemoteCredentials | null> => {
  const url = process.env['WAKA_URL']
  if (url) {
    const token = process.env['WAKA_TOKEN']
    if (!token) throw new WakaError('UNAUTHENTICATED', 'WAKA_URL is set but WAKA_TOKEN is not', { hint: 'export WAKA_TOKEN=…, or waka login' })
    return { url, token }
  }
  if (existsSync(configPath)) return null
  const text = await readFile(credentialsFile(), 'utf8').catch(() => null)
  if (text === null) return null
  const saved = JSON.parse(text) as Partial<RemoteCredentials>
  return typeof saved.url === 'string' && typeof saved.token === 'string' ? { url: saved.url, token: saved.token } : null
}
