/**
 * Releases for driver tests: real artifacts in a real artifact store. Each release is a tiny HTTP
 * app that answers `/healthz` with the version in its own `version.txt`.
 */
import { chmod, mkdir, rm, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type ArtifactStore, createArtifactStore } from '../../artifacts/artifact-store.ts'
import { type ActivateContext, type ArtifactSource, type CleanupContext, type DriverLog, type DriverRelease, releaseDirName, type StepContext } from '../driver.ts'

/** Serves its version on /healthz and its pids on /pids; with SPAWN_CHILD=1 it keeps a `sleep` child. */
export const APP_SERVER = `import { createServer } from 'node:http'
import { readFileSync } from 'node:fs'
import { spawn } from 'node:child_process'
const version = readFileSync(new URL('./version.txt', import.meta.url), 'utf8').trim()
const child = process.env.SPAWN_CHILD === '1' ? spawn('sleep', ['600'], { stdio: 'ignore' }) : null
const server = createServer((request, response) => {
  if (request.url === '/healthz') return response.end(version)
  if (request.url === '/pids') return response.end(JSON.stringify({ pid: process.pid, child: child ? child.pid : null }))
  response.statusCode = 404
  response.end()
})
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('serving ' + version))
process.on('SIGTERM', () => process.exit(0))
`

export interface FixtureRelease {
  readonly release: DriverRelease
  readonly artifact: ArtifactSource
  /** Overwrites the blob behind `path` (default `version.txt`, which no other release shares). */
  tamper(path?: string): Promise<void>
}

export interface ReleaseSpec {
  readonly version: string
  /** Files replacing or adding to the default app. */
  readonly files?: Readonly<Record<string, string>>
}

/** The releases a contract run deploys, and a way to make their bytes unreachable (only a flip can pass then). */
export interface ContractFixtures {
  readonly releases: readonly FixtureRelease[]
  /** Removes the releases' bytes from where prepare fetches them (the artifact store, a registry). */
  dropSources(): Promise<void>
}

export interface ReleaseFixtures extends ContractFixtures {
  readonly store: ArtifactStore
  readonly storeDir: string
}

const writeApp = async (dir: string, spec: ReleaseSpec): Promise<void> => {
  await mkdir(join(dir, 'config'), { recursive: true })
  await mkdir(join(dir, 'bin'), { recursive: true })
  await mkdir(join(dir, 'data', 'cache'), { recursive: true })
  const files: Record<string, string> = {
    'server.mjs': APP_SERVER,
    'version.txt': `${spec.version}\n`,
    'config/settings.json': '{"greeting":"hello"}\n',
    'bin/hello.sh': '#!/bin/sh\necho hello\n',
    ...spec.files,
  }
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true })
    await writeFile(join(dir, path), content)
  }
  await chmod(join(dir, 'bin', 'hello.sh'), 0o755)
  await symlink('config/settings.json', join(dir, 'settings.json'))
}

/** Builds, ingests and opens one release per spec, with ids 1, 2, 3 … */
export const createReleaseFixtures = async (dir: string, specs: readonly (ReleaseSpec | string)[]): Promise<ReleaseFixtures> => {
  const storeDir = join(dir, 'store')
  const store = createArtifactStore(storeDir)
  const releases: FixtureRelease[] = []
  for (const [index, raw] of specs.entries()) {
    const spec = typeof raw === 'string' ? { version: raw } : raw
    const source = join(dir, 'sources', `${index}`)
    await writeApp(source, spec)
    const { digest } = await store.ingest(source)
    const artifact = await store.open(digest)
    const release: DriverRelease = { id: index + 1, version: spec.version, digest, dirName: releaseDirName(spec.version, digest), image: null }
    const tamper = async (path = 'version.txt'): Promise<void> => {
      const entry = (await artifact.entries()).find((candidate) => candidate.path === path)
      if (entry?.type !== 'file') throw new Error(`release ${spec.version} has no file ${path}`)
      await chmod(artifact.blobPath(entry.sha256), 0o644)
      await writeFile(artifact.blobPath(entry.sha256), 'tampered\n')
    }
    releases.push({ release, artifact, tamper })
  }
  await rm(join(dir, 'sources'), { recursive: true, force: true })
  return { store, storeDir, releases, dropSources: () => rm(join(storeDir, 'blobs'), { recursive: true, force: true }) }
}

export interface CollectingLog extends DriverLog {
  readonly lines: { readonly level: 'info' | 'warn' | 'error'; readonly message: string; readonly source: string | undefined }[]
}

export const collectingLog = (): CollectingLog => {
  const lines: CollectingLog['lines'] = []
  return {
    lines,
    info: (message, source) => lines.push({ level: 'info', message, source }),
    warn: (message, source) => lines.push({ level: 'warn', message, source }),
    error: (message, source) => lines.push({ level: 'error', message, source }),
  }
}

export interface ContextOptions {
  readonly epoch?: number
  readonly variables?: Readonly<Record<string, string>>
  readonly secrets?: Readonly<Record<string, string>>
  readonly log?: DriverLog
  readonly signal?: AbortSignal
}

export const stepContext = (fixture: FixtureRelease, options: ContextOptions = {}): StepContext => ({
  epoch: options.epoch ?? 1,
  log: options.log ?? collectingLog(),
  signal: options.signal ?? new AbortController().signal,
  release: fixture.release,
  artifact: fixture.artifact,
  variables: options.variables ?? {},
  secrets: options.secrets ?? {},
})

export const activateContext = (fixture: FixtureRelease, previous: FixtureRelease | null, options: ContextOptions = {}): ActivateContext => ({
  ...stepContext(fixture, options),
  previous: previous?.release ?? null,
})

export const cleanupContext = (keep: readonly FixtureRelease[], keepReleases: number, options: ContextOptions = {}): CleanupContext => ({
  epoch: options.epoch ?? 1,
  log: options.log ?? collectingLog(),
  signal: options.signal ?? new AbortController().signal,
  keep: keep.map((fixture) => fixture.release.dirName),
  keepReleases,
})
