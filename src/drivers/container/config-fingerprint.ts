/**
 * A fingerprint of everything a container is created with (image, ports, options, variables and
 * secrets), kept as a label so prepare can tell whether a stopped container still fits this
 * deployment or must be created afresh. It is an HMAC with a random key kept on this machine
 * (mode 0600), so the label says nothing about secret values to whoever can read labels.
 */
import { createHmac, randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'

const loadKey = async (path: string): Promise<Buffer> => {
  const existing = await readFile(path).catch(() => null)
  if (existing !== null && existing.length >= 32) return existing
  await mkdir(dirname(path), { recursive: true })
  const key = randomBytes(32)
  // another process may have written one meanwhile: then use its key
  await writeFile(path, key, { mode: 0o600, flag: 'wx' }).catch(() => undefined)
  return readFile(path)
}

export const configFingerprint = async (keyPath: string, created: readonly string[], environment: Readonly<Record<string, string>>): Promise<string> => {
  const sorted = Object.entries(environment).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return createHmac('sha256', await loadKey(keyPath))
    .update(JSON.stringify({ created, environment: sorted }))
    .digest('hex')
}
