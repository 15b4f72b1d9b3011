import { WakaError } from '../core/errors.ts'
import type { HealthPolicy, HttpHealthPolicy } from '../core/policy.ts'
import type { Target } from '../drivers/driver.ts'
import { checkHttpHealth } from '../health/http-health.ts'
import type { DeploymentLog } from './deployment-log.ts'

/** The URLs to probe: the configured one, or each target's address with the policy's port and path. */
export const healthUrls = (policy: HttpHealthPolicy, targets: readonly Target[]): string[] => {
  if (policy.url !== null) return [policy.url]
  return targets.flatMap((target) => {
    if (target.httpBase === null) return []
    const base = new URL(target.httpBase)
    if (policy.port !== null) base.port = String(policy.port)
    return [new URL(policy.path, base).href]
  })
}

export interface VerifyHealth {
  readonly health: HealthPolicy | null
  readonly targets: readonly Target[]
  readonly version: string
  readonly signal: AbortSignal
  readonly log: DeploymentLog
  /** Called after the first probe (a failpoint hook). */
  readonly afterFirstProbe: () => void
}

/** Runs the health check; throws HEALTH_CHECK_FAILED when the release is not healthy. */
export const verifyHealth = async (input: VerifyHealth): Promise<string> => {
  if (input.health === null) return 'no health check configured'
  const urls = healthUrls(input.health.http, input.targets)
  if (urls.length === 0)
    throw new WakaError('HEALTH_CHECK_FAILED', 'the health check has no address: set health.http.url, or a driver port')
  let probes = 0
  const result = await checkHttpHealth({
    urls,
    policy: input.health.http,
    expectedVersion: input.version,
    signal: input.signal,
    onProbe: (report) => {
      input.log.write(report.ok ? 'info' : 'warn', `${report.url}: ${report.detail}`, 'health')
      if (++probes === 1) input.afterFirstProbe()
    },
  })
  if (input.signal.aborted) throw input.signal.reason
  if (!result.ok) throw new WakaError('HEALTH_CHECK_FAILED', `health check failed: ${result.message}`)
  return result.message
}
