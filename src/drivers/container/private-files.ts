/**
 * Secrets reach the engine through files only this user can read (a 0700 directory, 0600 files),
 * removed as soon as the engine has read them: never argv, where `ps` shows them to everyone.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DriverFailure } from '../driver.ts'
import type { RegistryCredentials } from '../../core/image-registry.ts'

export interface PrivateFiles {
  /** Writes `name` with `content`, mode 0600, and returns its path. */
  write(name: string, content: string): Promise<string>
  remove(): Promise<void>
}

export const withPrivateFiles = async <T>(body: (files: PrivateFiles) => Promise<T>): Promise<T> => {
  const dir = await mkdtemp(join(tmpdir(), 'waka-container-'))
  const files: PrivateFiles = {
    async write(name, content) {
      const path = join(dir, name)
      await writeFile(path, content, { mode: 0o600, flag: 'wx' })
      return path
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  }
  try {
    return await body(files)
  } finally {
    await files.remove()
  }
}

/** An env file (`NAME=value` per line): values with a newline cannot be written and are refused, naming only the variable. */
export const envFileText = (variables: Readonly<Record<string, string>>): string =>
  Object.entries(variables)
    .map(([name, value]) => {
      if (/[\r\n]/.test(value)) throw new DriverFailure('DRIVER_FAILED', `${name} holds a line break, which an engine env file cannot carry`)
      return `${name}=${value}\n`
    })
    .join('')

/** The auth file both engines read (`auths` by registry host), for one registry. */
export const authFileText = (registry: string, credentials: RegistryCredentials): string =>
  `${JSON.stringify({ auths: { [registry]: { auth: Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64') } } })}\n`
