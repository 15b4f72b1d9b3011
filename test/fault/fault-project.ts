import { readlink } from 'node:fs/promises'
import { join } from 'node:path'
import { openEmbeddedClient } from '../../src/main.ts'
import type { Workspace } from '../helpers/workspace.ts'
import { TEST_USER } from './waka-process.ts'

export interface FaultConfig {
  /** The sample app is started on this port and health-checked there; null: no start command, no health check. */
  readonly port: number | null
  readonly queue?: 'fifo' | 'latest'
  readonly rollbackAuto?: boolean
  /** Good probes in a row the health check needs (a large number keeps a deployment in its health step). */
  readonly successes?: number
}

/** One service `web` in one environment `production`, local driver, everything granted to the test user. */
export const faultConfig = (config: FaultConfig): string => {
  const health =
    config.port === null
      ? ''
      : `    health:\n      http: { path: /healthz, expect: { status: 200, version: true }, successes: ${config.successes ?? 2}, failures: 2, interval: 100ms, timeout: 30s }\n`
  const start = config.port === null ? '' : `, start: [${JSON.stringify(process.execPath)}, server.js], port: ${config.port}, stopTimeout: 2s`
  return `version: 1
services:
  web:
${health || '    {}\n'}environments:
  production:
    queue: ${config.queue ?? 'fifo'}
    driver: { type: local${start} }
    rollback: { auto: ${config.rollbackAuto ?? false}, keepReleases: 3 }
access:
  roles:
    "*": { admin: [user:${TEST_USER}] }
`
}

/** The release directory the `current` link of web/production points at. */
export const currentRelease = async (dir: string): Promise<string> =>
  (await readlink(join(dir, '.waka', 'targets', 'web', 'production', 'current'))).split('/').at(-1) ?? ''

/**
 * Builds the sample app in each version and registers them, in this process through the same
 * embedded client the CLI uses (one open instead of one `waka` process per release).
 */
export const registerReleases = async (ws: Workspace, versions: readonly { version: string; healthy?: boolean }[]): Promise<void> => {
  const client = await openEmbeddedClient({ configPath: join(ws.dir, 'waka.yml'), actor: TEST_USER })
  try {
    for (const { version, healthy } of versions) {
      const artifact = await ws.build('web', version, { healthy: healthy ?? true })
      const source = { repository: null, commit: null, branch: null, buildUrl: null, committedAt: null }
      await client.createRelease({ service: 'web', version, artifact: { path: join(ws.dir, artifact) }, source })
    }
  } finally {
    await client.close()
  }
}
