/**
 * Latency of the API's status and history reads with a large ledger: `count` deployments seeded
 * straight into the database, one `waka server`, open-loop load at each rate.
 */
import { join } from 'node:path'
import { runLoad, type LoadResult } from './load.ts'
import { benchConfig, createProject } from './project.ts'
import { ENVIRONMENTS, SERVICES, seedPostgres, seedSqlite } from './seed-million.ts'

export const READ_PATHS = [
  { name: 'status (4 services × 3 environments)', path: '/api/v1/status' },
  { name: 'history, newest 50', path: '/api/v1/deployments?limit=50' },
  { name: 'history of one service in one environment, newest 50', path: '/api/v1/deployments?service=svc2&environment=production&limit=50' },
] as const

export interface ReadsResult {
  readonly store: 'sqlite' | 'postgres'
  readonly count: number
  readonly seedSeconds: number
  readonly runs: readonly { readonly rate: number; readonly achievedPerSecond: number; readonly results: readonly LoadResult[] }[]
}

export const measureReads = async (input: { store: 'sqlite' | 'postgres'; count: number; rates: readonly number[]; seconds: number }): Promise<ReadsResult> => {
  const project = await createProject({ store: input.store, config: benchConfig(SERVICES, ENVIRONMENTS), versions: [] })
  try {
    const seeding = Date.now()
    if (project.databaseUrl) await seedPostgres(project.databaseUrl, input.count)
    else seedSqlite(join(project.dir, '.waka', 'waka.db'), input.count)
    const seedSeconds = (Date.now() - seeding) / 1000
    const server = await project.start()
    try {
      // warm caches and connections before measuring
      await runLoad({ url: server.url, token: project.token, paths: READ_PATHS, ratePerSecond: 100, seconds: 2 })
      const runs = []
      for (const rate of input.rates) runs.push({ rate, ...(await runLoad({ url: server.url, token: project.token, paths: READ_PATHS, ratePerSecond: rate, seconds: input.seconds })) })
      return { store: input.store, count: input.count, seedSeconds, runs }
    } finally {
      await server.stop()
    }
  } finally {
    await project.cleanup()
  }
}
