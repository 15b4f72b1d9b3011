import type { HttpHealthPolicy } from '../core/policy.ts'
import { abortableSleep } from './sleep.ts'

export interface ProbeReport {
  readonly url: string
  readonly ok: boolean
  /** What was seen, e.g. `200, version v2` or `connection refused`. */
  readonly detail: string
  /** Consecutive good (or bad) probes of this URL so far. */
  readonly streak: number
}

export interface HealthCheck {
  readonly urls: readonly string[]
  readonly policy: HttpHealthPolicy
  /** The version the targets must report when `expect.version` is set. */
  readonly expectedVersion: string
  readonly signal: AbortSignal
  readonly onProbe?: (report: ProbeReport) => void
}

export interface HealthResult {
  readonly ok: boolean
  readonly message: string
}

const reportedVersion = (body: string): string | null => {
  try {
    const parsed: unknown = JSON.parse(body)
    if (parsed !== null && typeof parsed === 'object' && 'version' in parsed && typeof parsed.version === 'string') return parsed.version
  } catch {
    // not JSON: the body text itself is compared
  }
  return null
}

/** One probe: status, body text and version as the policy expects. */
export const probe = async (url: string, check: HealthCheck): Promise<{ ok: boolean; detail: string }> => {
  const { expect, requestTimeoutMs } = check.policy
  // one controller per probe, detached afterwards: AbortSignal.any would leave a listener on the
  // long-lived check signal for every probe
  const controller = new AbortController()
  const onAbort = () => controller.abort(check.signal.reason)
  check.signal.addEventListener('abort', onAbort, { once: true })
  const timer = setTimeout(() => controller.abort(new DOMException('probe timed out', 'TimeoutError')), requestTimeoutMs)
  try {
    const response = await fetch(url, {
      signal: controller.signal,
      redirect: 'manual',
      headers: { 'user-agent': 'waka-health-check' },
    })
    const body = (await response.text()).slice(0, 64 * 1024)
    if (response.status !== expect.status) return { ok: false, detail: `status ${response.status}, expected ${expect.status}` }
    if (expect.body !== null && !body.includes(expect.body)) return { ok: false, detail: `body does not contain ${JSON.stringify(expect.body)}` }
    if (expect.version) {
      const version = reportedVersion(body)
      const matches = version === null ? body.includes(check.expectedVersion) : version === check.expectedVersion
      if (!matches) return { ok: false, detail: `reports version ${version ?? JSON.stringify(body.slice(0, 60))}, expected ${check.expectedVersion}` }
      return { ok: true, detail: `status ${response.status}, version ${check.expectedVersion}` }
    }
    return { ok: true, detail: `status ${response.status}` }
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : null
    const name = error instanceof Error ? error.name : 'Error'
    const timedOut = name === 'TimeoutError' || (controller.signal.reason as Error | undefined)?.name === 'TimeoutError'
    return { ok: false, detail: timedOut ? `no answer within ${requestTimeoutMs}ms` : (cause ?? String(error)) }
  } finally {
    clearTimeout(timer)
    check.signal.removeEventListener('abort', onAbort)
  }
}

const sleep = (ms: number, signal: AbortSignal) => abortableSleep(ms, signal)

/**
 * Probes every URL until each has `successes` good answers in a row (pass), any has `failures`
 * bad answers in a row (fail), or the overall timeout passes (fail).
 */
export const checkHttpHealth = async (check: HealthCheck): Promise<HealthResult> => {
  const { policy } = check
  const deadline = performance.now() + policy.timeoutMs
  const good = new Map(check.urls.map((url) => [url, 0]))
  const bad = new Map(check.urls.map((url) => [url, 0]))
  const last = new Map<string, string>()
  for (;;) {
    const pending = check.urls.filter((url) => (good.get(url) ?? 0) < policy.successes)
    await Promise.all(
      pending.map(async (url) => {
        const result = await probe(url, check)
        last.set(url, result.detail)
        good.set(url, result.ok ? (good.get(url) ?? 0) + 1 : 0)
        bad.set(url, result.ok ? 0 : (bad.get(url) ?? 0) + 1)
        check.onProbe?.({ url, ok: result.ok, detail: result.detail, streak: result.ok ? (good.get(url) ?? 0) : (bad.get(url) ?? 0) })
      }),
    )
    if (check.signal.aborted) return { ok: false, message: 'health check stopped' }
    const failing = check.urls.find((url) => (bad.get(url) ?? 0) >= policy.failures)
    if (failing) return { ok: false, message: `${failing}: ${last.get(failing)} (${policy.failures} times in a row)` }
    if (check.urls.every((url) => (good.get(url) ?? 0) >= policy.successes))
      return { ok: true, message: `${check.urls.length} target(s) healthy: ${policy.successes} good probe(s) in a row` }
    if (performance.now() + policy.intervalMs > deadline) {
      const slow = check.urls.find((url) => (good.get(url) ?? 0) < policy.successes) ?? ''
      return { ok: false, message: `${slow}: not healthy within ${policy.timeoutMs}ms (last: ${last.get(slow)})` }
    }
    await sleep(policy.intervalMs, check.signal)
  }
}
