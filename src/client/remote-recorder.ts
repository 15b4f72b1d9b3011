import type { Deployment } from '../core/deployment/deployment.ts'
import { isWakaError, WakaError, type ErrorCode } from '../core/errors.ts'
import type { Clock } from '../core/store.ts'
import { DeploymentLog } from '../engine/deployment-log.ts'
import type { DeploymentRecorder, RecordedFailure } from '../engine/deployment-recorder.ts'
import type { EngineObserver } from '../engine/events.ts'
import type { ExecutionClaim } from '../engine/execution-claim.ts'
import type { Transport } from './http-transport.ts'

export type { ExecutionClaim }

/** Answers meaning this runner no longer holds the deployment's lock. */
const LOST: readonly ErrorCode[] = ['STALE_EPOCH', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'INVALID_TRANSITION']

/** Reasons and step details are bounded by the API; a long driver error keeps its beginning. */
const MAX_TEXT = 16_000
const bounded = (text: string | null): string | null => (text !== null && text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text)

const executionPath = (deploymentId: number, path: string): string => `/api/v1/deployments/${deploymentId}/execution${path}`

/** Claims a queued deployment of an `executor: runner` environment on the server. */
export const claimRemote = (transport: Transport, deploymentId: number): Promise<ExecutionClaim> =>
  transport.request<ExecutionClaim>('POST', executionPath(deploymentId, '/claim'), { body: {} })

/**
 * The runner's recorder: sends every record of the step sequence to the server, which writes the
 * same ledger rows the engine writes, fenced by the claim's epoch. A heartbeat renews the lease
 * every third of its time to live; once the server says the epoch is stale, the signal aborts and
 * no further step runs. Lines are masked here with the runner's secrets before they leave.
 */
export const remoteRecorder = (options: { transport: Transport; claim: ExecutionClaim; clock: Clock; observer: EngineObserver }): DeploymentRecorder => {
  const { transport, claim, observer } = options
  const { epoch } = claim
  const id = claim.deployment.id
  const post = <T>(path: string, body: Record<string, unknown>): Promise<T> => transport.request<T>('POST', executionPath(id, path), { body: { epoch, ...body } })
  const log = new DeploymentLog({
    sink: (lines) => post('/logs', { lines: lines.map((line) => ({ at: line.at, level: line.level, source: line.source, message: line.message })) }).then(() => undefined),
    clock: options.clock,
    deploymentId: id,
    observer,
  })
  const controller = new AbortController()
  const beat = async () => {
    try {
      await post('/heartbeat', {})
    } catch (error) {
      // a beat that did not get through (server unreachable, busy, restarting) is tried again on the
      // next one while the lease has time left; once it has not, the server answers STALE_EPOCH
      if (!isWakaError(error) || !LOST.includes(error.code)) return
      controller.abort(error.code === 'STALE_EPOCH' ? error : new WakaError('STALE_EPOCH', `lost the lock of deployment #${id}: ${error.message}`))
    }
  }
  const timer = setInterval(() => void beat(), Math.max(50, Math.floor(claim.leaseTtlMs / 3)))
  return {
    log,
    signal: controller.signal,
    steps: {
      begin: async (name) => (await post<{ stepId: number }>('/steps', { name })).stepId,
      end: async (stepId, _name, status, detail) => {
        await post(`/steps/${stepId}`, { status, detail: bounded(detail) })
      },
    },
    toVerifying: async (_deployment: Deployment, reason: string) => {
      await log.flush()
      return post<Deployment>('/verifying', { reason: bounded(reason) })
    },
    succeed: async (_deployment: Deployment, reason: string) => {
      await log.flush()
      return (await post<RecordedFailure>('/finish', { status: 'succeeded', reason: bounded(reason) })).deployment
    },
    fail: async (failure) => {
      await log.flush()
      return post<RecordedFailure>('/finish', { status: failure.status, reason: bounded(failure.reason), touchedTargets: failure.touchedTargets, healthFailed: failure.healthFailed })
    },
    close: async () => {
      clearInterval(timer)
      await log.flush()
    },
  }
}
