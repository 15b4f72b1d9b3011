import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { buildSampleApp } from '../../src/demo/sample-app.ts'
import { freePort, servedVersion } from '../../src/demo/probe.ts'
import { stopLocalTarget } from '../../src/drivers/local/local-driver.ts'

export const WAKA_BIN = resolve(import.meta.dirname, '../../dist/waka.mjs')

export interface WakaResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** A temporary project: a waka.yml, sample app builds, and the real `waka` binary run inside it. */
export interface Workspace {
  readonly dir: string
  writeConfig(yaml: string): Promise<void>
  /** Runs `waka <args>` in the workspace (no terminal, no colour). */
  waka(args: readonly string[], options?: { env?: Record<string, string>; timeoutMs?: number }): Promise<WakaResult>
  /** Writes one build of the sample HTTP app and returns its path relative to the workspace. */
  build(service: string, version: string, options?: { healthy?: boolean }): Promise<string>
  /** What the app on `port` reports as its version. */
  served(port: number): Promise<string>
  cleanup(): Promise<void>
}

export const createWorkspace = async (): Promise<Workspace> => {
  if (!existsSync(WAKA_BIN)) throw new Error(`${WAKA_BIN} is missing: the build in test/global-setup.ts failed`)
  const dir = await mkdtemp(join(tmpdir(), 'waka-test-'))
  return {
    dir,
    writeConfig: (yaml) => writeFile(join(dir, 'waka.yml'), yaml),
    waka: (args, options = {}) =>
      new Promise((resolvePromise) => {
        execFile(
          process.execPath,
          [WAKA_BIN, ...args],
          { cwd: dir, env: { ...process.env, NO_COLOR: '1', ...options.env }, timeout: options.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024 },
          (error, stdout, stderr) => {
            const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
            resolvePromise({ code, stdout, stderr })
          },
        )
      }),
    build: async (service, version, options = {}) => {
      const path = await buildSampleApp(dir, { service, version, healthy: options.healthy ?? true })
      return path.slice(dir.length + 1)
    },
    served: servedVersion,
    cleanup: async () => {
      const targets = join(dir, '.waka', 'targets')
      if (existsSync(targets))
        for (const service of await readdir(targets))
          for (const environment of await readdir(join(targets, service)))
            await stopLocalTarget(join(targets, service, environment)).catch(() => undefined)
      await rm(dir, { recursive: true, force: true })
    },
  }
}

export { freePort }
