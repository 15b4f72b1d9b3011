/**
 * Latency of the API's status and history reads with a large ledger: `count` deployments seeded
 * straight into the database, then `waka server` replicas (one on SQLite) under open-loop load at
 * each rate, and the same servers' own 404 at the same rate as the floor.
 */
import { readdir } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { runLoad, type LoadPath, type LoadResult } from './load.ts'
import { profileTable, summarizeProfile } from './profile-summary.ts'
import { benchConfig, createProject, type Server } from './project.ts'
import { ENVIRONMENTS, SERVICES, seedPostgres, seedSqlite } from './seed-million.ts'

export const READ_PATHS: readonly LoadPath[] = [
  { name: 'status (4 services × 3 environments)', path: '/api/v1/status' },
  { name: 'status, polled with If-None-Match', path: '/api/v1/status', conditional: true },
  { name: 'history, newest 50', path: '/api/v1/deployments?limit=50' },
  { name: 'history of one service in one environment, newest 50', path: '/api/v1/deployments?service=svc2&environment=production&limit=50' },
  { name: 'history, 50 before the 500,000th (keyset page)', path: '/api/v1/deployments?limit=50&before=500000' },
]
/** The floor: a route the server refuses after the same logging and authentication, without touching the ledger's data. */
export const FLOOR_PATH: LoadPath = { name: "*floor*: the server's own 404 (authenticated)", path: '/api/v1/no-such-route', expect: 404 }

export interface ReadsRun {
  readonly replicas: number
  readonly rate: number
  readonly achievedPerSecond: number
  readonly results: readonly LoadResult[]
  /** The machine's 1-minute load average when the run began and ended (`uptime`). */
  readonly load: string
}

export interface ReadsResult {
  readonly store: 'sqlite' | 'postgres'
  readonly count: number
  readonly seedSeconds: number
  readonly runs: readonly ReadsRun[]
  /** With `profileDir`: where the first server's CPU time went over all its runs (markdown). */
  readonly profile: string | null
}

const startAll = async (start: () => Promise<Server>, replicas: number): Promise<Server[]> => {
  const servers: Server[] = []
  try {
    for (let index = 0; index < replicas; index++) servers.push(await start())
    return servers
  } catch (error) {
    await Promise.all(servers.map((server) => server.stop()))
    throw error
  }
}

export const measureReads = async (input: {
  store: 'sqlite' | 'postgres'
  count: number
  rates: readonly number[]
  seconds: number
  replicaCounts: readonly number[]
  /** Run the servers under `node --cpu-prof`, writing the profiles here. */
  profileDir?: string
  log: (text: string) => void
}): Promise<ReadsResult> => {
  const project = await createProject({ store: input.store, config: benchConfig(SERVICES, ENVIRONMENTS), versions: [] })
  try {
    const seeding = Date.now()
    if (project.databaseUrl) await seedPostgres(project.databaseUrl, input.count)
    else seedSqlite(join(project.dir, '.waka', 'waka.db'), input.count)
    const seedSeconds = (Date.now() - seeding) / 1000
    input.log(`  seeded in ${seedSeconds.toFixed(1)} s`)
    const runs: ReadsRun[] = []
    let profile: string | null = null
    for (const replicas of input.replicaCounts) {
      const profileDir = input.profileDir && join(input.profileDir, `${input.store}-${replicas}`)
      const servers = await startAll(() => project.start(profileDir ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] } : {}), replicas)
      const urls = servers.map((server) => server.url)
      try {
        // warm caches and connections before measuring
        await runLoad({ urls, token: project.token, paths: [...READ_PATHS, FLOOR_PATH], ratePerSecond: 100, seconds: 2 })
        for (const rate of input.rates) {
          const before = loadavg()[0] ?? 0
          const reads = await runLoad({ urls, token: project.token, paths: READ_PATHS, ratePerSecond: rate, seconds: input.seconds })
          const floor = await runLoad({ urls, token: project.token, paths: [FLOOR_PATH], ratePerSecond: rate, seconds: input.seconds })
          const run = { replicas, rate, achievedPerSecond: reads.achievedPerSecond, results: [...reads.results, ...floor.results], load: `${before.toFixed(1)}–${(loadavg()[0] ?? 0).toFixed(1)}` }
          runs.push(run)
          input.log(`  ${replicas} replica(s), ${rate}/s, load ${run.load}: ${run.results.map((result) => `p99 ${result.p99Ms.toFixed(1)} ms, ${result.failed} failed`).join('; ')}`)
        }
      } finally {
        await Promise.all(servers.map((server) => server.stop()))
      }
      const written = profileDir ? (await readdir(profileDir)).filter((name) => name.endsWith('.cpuprofile')).sort() : []
      if (profileDir && written[0] && profile === null) profile = profileTable(await summarizeProfile(join(profileDir, written[0])))
    }
    return { store: input.store, count: input.count, seedSeconds, runs, profile }
  } finally {
    await project.cleanup()
  }
}
