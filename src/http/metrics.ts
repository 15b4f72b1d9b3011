import { Counter, Gauge, Histogram, Registry } from 'prom-client'
import { DEPLOYMENT_STATUSES, isTerminal } from '../core/deployment/deployment-machine.ts'
import type { StoreReader } from '../core/store.ts'
import type { EngineEvent } from '../engine/events.ts'
import { registerDoraGauges, type DoraGaugeSource } from './dora-gauges.ts'

export interface Metrics {
  readonly registry: Registry
  /** Feeds engine and API events into the histograms. */
  observe(event: EngineEvent): void
  countRequest(method: string, route: string, status: number): void
}

const seconds = (from: string, to: string): number => Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000)

/**
 * Waka's own metrics (prom-client's process defaults stay off: they fail `promtool check metrics`).
 * Gauges read the ledger when scraped, so every replica reports the same numbers.
 */
export const createMetrics = (store: StoreReader, dora: Omit<DoraGaugeSource, 'store'>): Metrics => {
  const registry = new Registry()
  registerDoraGauges(registry, { store, ...dora })
  new Gauge({
    name: 'waka_deployments',
    help: 'Deployments in the ledger, by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const counts = await store.countDeploymentsByStatus()
      for (const status of DEPLOYMENT_STATUSES) this.set({ status }, counts[status])
    },
  })
  new Gauge({
    name: 'waka_queue_depth',
    help: 'Deployments waiting (pending, awaiting approval or queued), by service and environment',
    labelNames: ['service', 'environment'],
    registers: [registry],
    async collect() {
      this.reset()
      for (const deployment of await store.listDeployments({ statuses: ['pending', 'awaiting_approval', 'queued'], limit: 10_000 }))
        this.inc({ service: deployment.service, environment: deployment.environment })
    },
  })
  const duration = new Histogram({
    name: 'waka_deployment_duration_seconds',
    help: 'From running to finished, by kind and outcome',
    labelNames: ['kind', 'status'],
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900],
    registers: [registry],
  })
  const lockWait = new Histogram({
    name: 'waka_lock_wait_seconds',
    help: 'From requested to running: gates, approvals and the wait for the environment lock',
    buckets: [0.05, 0.1, 0.5, 1, 5, 30, 60, 300, 3600, 86_400],
    registers: [registry],
  })
  const requests = new Counter({ name: 'waka_http_requests_total', help: 'API requests by route and status', labelNames: ['method', 'route', 'status'], registers: [registry] })
  return {
    registry,
    observe(event) {
      if (event.type !== 'transition') return
      const { deployment } = event
      if (deployment.status === 'running' && deployment.startedAt) lockWait.observe(seconds(deployment.createdAt, deployment.startedAt))
      if (isTerminal(deployment.status) && deployment.startedAt && deployment.finishedAt)
        duration.observe({ kind: deployment.kind, status: deployment.status }, seconds(deployment.startedAt, deployment.finishedAt))
    },
    countRequest: (method, route, status) => requests.inc({ method, route, status: String(status) }),
  }
}
