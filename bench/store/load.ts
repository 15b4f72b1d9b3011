/**
 * An open-loop HTTP load, as wrk2 makes it: request i is due at start + i / rate whatever happened
 * to the ones before, and its latency is counted from when it was due, not from when it went out,
 * so a stalled server (or a stalled generator) shows in the numbers instead of hiding as fewer
 * requests (coordinated omission). Keep-alive connections, opened as needed, at most `maxConnections`.
 */
import http from 'node:http'

export interface LoadPath {
  readonly name: string
  readonly path: string
  /** Send the ETag of this path's previous answer in If-None-Match, as a poller does (304s are successes). */
  readonly conditional?: boolean
  /** The status that counts as an answer (default 200; 304 always does). */
  readonly expect?: number
}

export interface LoadResult {
  readonly name: string
  readonly sent: number
  /** Answered with an error status, or not at all. */
  readonly failed: number
  /** Connections refused, reset or timed out before any answer: a subset of `failed`. */
  readonly refused: number
  /** Why requests failed: HTTP status or error code, with counts. */
  readonly failures: string
  readonly notModified: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly maxMs: number
}

const REFUSALS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ESOCKETTIMEDOUT'])
const TIMEOUT_MS = 30_000

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN

interface Answer {
  readonly status: number
  readonly etag: string | null
}

const get = (agent: http.Agent, url: URL, headers: Record<string, string>): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const request = http.get(url, { agent, headers, timeout: TIMEOUT_MS }, (response) => {
      response.on('data', () => undefined)
      response.on('end', () => resolve({ status: response.statusCode ?? 0, etag: response.headers.etag ?? null }))
      response.on('error', reject)
    })
    request.on('timeout', () => request.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })))
    request.on('error', reject)
  })

/** Sends `ratePerSecond` requests per second for `seconds` (rounded to a whole count), cycling through `paths` and `urls`. */
export const runLoad = async (input: {
  urls: readonly string[]
  token: string
  paths: readonly LoadPath[]
  ratePerSecond: number
  seconds: number
  maxConnections?: number
}): Promise<{ results: LoadResult[]; achievedPerSecond: number }> => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: input.maxConnections ?? 256 })
  const latencies = new Map(input.paths.map((path) => [path.name, [] as number[]]))
  const counts = new Map(input.paths.map((path) => [path.name, { failed: 0, refused: 0, notModified: 0, reasons: new Map<string, number>() }]))
  const etags = new Map<string, string>()
  const total = Math.round(input.ratePerSecond * input.seconds)
  const pending: Promise<void>[] = []
  const start = performance.now()
  try {
    for (let index = 0; index < total; index++) {
      const due = start + (index * 1000) / input.ratePerSecond
      const wait = due - performance.now()
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait))
      const target = input.paths[index % input.paths.length]
      const base = input.urls[Math.floor(index / input.paths.length) % input.urls.length]
      if (!target || !base) continue
      const count = counts.get(target.name)
      const etagKey = `${base}${target.path}`
      const known = target.conditional ? etags.get(etagKey) : undefined
      const headers: Record<string, string> = { authorization: `Bearer ${input.token}`, ...(known ? { 'if-none-match': known } : {}) }
      pending.push(
        get(agent, new URL(target.path, base), headers)
          .then((answer) => {
            if (answer.etag) etags.set(etagKey, answer.etag)
            if (answer.status === 304 && count) count.notModified++
            if (answer.status === (target.expect ?? 200) || answer.status === 304) latencies.get(target.name)?.push(performance.now() - due)
            else throw Object.assign(new Error(`HTTP ${answer.status}`), { code: `HTTP ${answer.status}` })
          })
          .catch((error: unknown) => {
            if (!count) return
            const code = (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error))
            count.failed++
            if (REFUSALS.has(code)) count.refused++
            count.reasons.set(code, (count.reasons.get(code) ?? 0) + 1)
          }),
      )
    }
    await Promise.all(pending)
  } finally {
    agent.destroy()
  }
  const elapsed = (performance.now() - start) / 1000
  const results = input.paths.map(({ name }) => {
    const sorted = [...(latencies.get(name) ?? [])].sort((x, y) => x - y)
    const count = counts.get(name) ?? { failed: 0, refused: 0, notModified: 0, reasons: new Map<string, number>() }
    const failures = [...count.reasons].map(([reason, times]) => `${reason} × ${times}`).join(', ')
    return { name, sent: sorted.length + count.failed, failed: count.failed, refused: count.refused, failures, notModified: count.notModified, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), maxMs: sorted.at(-1) ?? NaN }
  })
  return { results, achievedPerSecond: total / elapsed }
}
