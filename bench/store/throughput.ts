/**
 * Deployments per second through the API: `deployments` requests spread over `environments` and
 * sent round-robin to every replica, from the first request until the last deployment finished.
 */
import { openStore } from '../../src/storage/open-store.ts'
import { isTerminal, type DeploymentStatus } from '../../src/core/deployment/deployment-machine.ts'
import { join } from 'node:path'
import { benchConfig, createProject } from './project.ts'

export interface ThroughputCase {
  readonly store: 'sqlite' | 'postgres'
  readonly replicas: number
}

export interface ThroughputResult extends ThroughputCase {
  readonly deployments: number
  readonly environments: number
  readonly seconds: number
  readonly perSecond: number
  /** Requested → finished, per deployment, from the ledger's timestamps. */
  readonly p50Ms: number
  readonly p99Ms: number
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN

export const measureThroughput = async (input: ThroughputCase & { deployments: number; environments: number; submitters: number }): Promise<ThroughputResult> => {
  const environments = Array.from({ length: input.environments }, (_, index) => `e${String(index + 1).padStart(2, '0')}`)
  const project = await createProject({ store: input.store, config: benchConfig(['web'], environments), versions: ['v1', 'v2'] })
  try {
    const servers = await Promise.all(Array.from({ length: input.replicas }, () => project.start()))
    const store = await openStore({ databaseUrl: project.databaseUrl ?? '', sqliteFile: join(project.dir, '.waka', 'waka.db') })
    try {
      const started = Date.now()
      let next = 0
      const submit = async () => {
        for (let index = next++; index < input.deployments; index = next++) {
          const server = servers[index % servers.length]
          const response = await fetch(`${server?.url}/api/v1/deployments`, {
            method: 'POST',
            headers: { authorization: `Bearer ${project.token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ service: 'web', environment: environments[index % environments.length], release: index % 2 ? 'v2' : 'v1', reason: null }),
          })
          if (response.status !== 201) throw new Error(`deploy request failed: ${response.status} ${await response.text()}`)
        }
      }
      await Promise.all(Array.from({ length: input.submitters }, submit))
      for (let polls = 0; ; polls++) {
        const counts = await store.countDeploymentsByStatus()
        const finished = Object.entries(counts).reduce((sum, [status, count]) => sum + (isTerminal(status as DeploymentStatus) ? count : 0), 0)
        if (finished >= input.deployments) break
        if (polls > 6_000) throw new Error(`not finished after 10 minutes: ${JSON.stringify(counts)}`)
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      const seconds = (Date.now() - started) / 1000
      const rows = await store.listDeployments({ limit: input.deployments })
      const failed = rows.filter((row) => row.status !== 'succeeded')
      if (failed.length > 0) throw new Error(`${failed.length} deployments did not succeed, e.g. #${failed[0]?.id}: ${failed[0]?.statusReason}`)
      const latencies = rows.map((row) => Date.parse(row.finishedAt ?? '') - Date.parse(row.createdAt)).sort((x, y) => x - y)
      return {
        ...input,
        seconds,
        perSecond: input.deployments / seconds,
        p50Ms: percentile(latencies, 50),
        p99Ms: percentile(latencies, 99),
      }
    } finally {
      await store.close()
      await Promise.all(servers.map((server) => server.stop()))
    }
  } finally {
    await project.cleanup()
  }
}
