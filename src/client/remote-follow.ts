import type { DeploymentDetail } from '../app/read.ts'
import type { Deployment } from '../core/deployment/deployment.ts'
import { isTerminal } from '../core/deployment/deployment-machine.ts'
import type { LogLine } from '../core/store.ts'
import { listenForWakeups, type Wakeup } from './event-wakeup.ts'
import type { Transport } from './http-transport.ts'
import type { FollowOptions } from './waka-client.ts'

const POLL_MS = 400

/**
 * Remote deployments settle like embedded ones, except that the server, not this process, runs
 * them; a queued one that waits for a runner (`executor: runner`) is settled too.
 */
const settled = (deployment: Deployment, held: boolean, waitsForRunner: boolean): boolean =>
  isTerminal(deployment.status) ||
  deployment.status === 'awaiting_approval' ||
  deployment.status === 'pending' ||
  (deployment.status === 'queued' && (held || waitsForRunner))

/**
 * Follows deployments on a server by polling them and their logs, and reports what changed as the
 * same events the embedded engine emits. Automatic rollbacks they cause are followed too.
 */
export const followRemote = async (
  transport: Transport,
  ids: readonly number[],
  options: FollowOptions = {},
  waitsForRunner: (environment: string) => boolean = () => false,
): Promise<Deployment[]> => {
  // opened before the first poll, so no state change after that poll goes unheard
  const wakeup = await listenForWakeups(transport, '/api/v1/events')
  try {
    return await pollUntilSettled({ transport, wakeup, waitsForRunner }, ids, options)
  } finally {
    wakeup.close()
  }
}

interface Polling {
  readonly transport: Transport
  readonly wakeup: Wakeup
  readonly waitsForRunner: (environment: string) => boolean
}

const pollUntilSettled = async ({ transport, wakeup, waitsForRunner }: Polling, ids: readonly number[], options: FollowOptions): Promise<Deployment[]> => {
  const watched = new Set(ids)
  const lastStatus = new Map<number, string>()
  const lastLog = new Map<number, number>()
  const stepsSeen = new Set<string>()
  for (;;) {
    const current: Deployment[] = []
    let allSettled = true
    for (const id of [...watched]) {
      const detail = await transport.request<DeploymentDetail>('GET', `/api/v1/deployments/${id}`)
      const { deployment } = detail
      current.push(deployment)
      for (const rollback of detail.rollbacks) watched.add(rollback.id)
      const lines = await transport.request<LogLine[]>('GET', `/api/v1/deployments/${id}/logs?after=${lastLog.get(id) ?? 0}&limit=1000`)
      for (const line of lines) {
        lastLog.set(id, line.seq)
        options.onEvent?.({ type: 'log', deploymentId: id, line })
      }
      for (const step of detail.steps) {
        const key = `${step.id}:${step.status}`
        if (stepsSeen.has(key)) continue
        stepsSeen.add(key)
        options.onEvent?.({ type: 'step', deploymentId: id, step: step.name, status: step.status, detail: step.detail })
      }
      if (lastStatus.get(id) !== deployment.status) {
        lastStatus.set(id, deployment.status)
        options.onEvent?.({ type: 'transition', deployment })
      }
      const held = deployment.status === 'queued' && (await isHeld(transport, deployment))
      if (!settled(deployment, held, waitsForRunner(deployment.environment))) allSettled = false
    }
    if (allSettled || options.signal?.aborted) return current
    await wakeup.wait(options.pollMs ?? POLL_MS, options.signal)
  }
}

const isHeld = async (transport: Transport, deployment: Deployment): Promise<boolean> => {
  const report = await transport.request<{ targets: { service: string; environment: string; lease: { hold: unknown } | null }[] }>(
    'GET',
    `/api/v1/status?service=${encodeURIComponent(deployment.service)}`,
  )
  return report.targets.some((row) => row.environment === deployment.environment && row.lease?.hold != null)
}
