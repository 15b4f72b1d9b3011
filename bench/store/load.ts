/** An open-loop HTTP load: requests go out at a fixed rate whatever the latency, as independent clients would send them. */

export interface LoadResult {
  readonly name: string
  readonly sent: number
  readonly failed: number
  /** Why requests failed: HTTP status or error code, with counts. */
  readonly failures: string
  readonly p50Ms: number
  readonly p99Ms: number
  readonly maxMs: number
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN

/** Sends `ratePerSecond` requests per second for `seconds`, cycling through `paths`; latency per path name. */
export const runLoad = async (input: {
  url: string
  token: string
  paths: readonly { name: string; path: string }[]
  ratePerSecond: number
  seconds: number
}): Promise<{ results: LoadResult[]; achievedPerSecond: number }> => {
  const latencies = new Map(input.paths.map((path) => [path.name, [] as number[]]))
  const failures = new Map(input.paths.map((path) => [path.name, 0]))
  const reasons = new Map(input.paths.map((path) => [path.name, new Map<string, number>()]))
  const fail = (name: string, reason: string): void => {
    failures.set(name, (failures.get(name) ?? 0) + 1)
    const counts = reasons.get(name)
    counts?.set(reason, (counts.get(reason) ?? 0) + 1)
  }
  const total = Math.round(input.ratePerSecond * input.seconds)
  const pending: Promise<void>[] = []
  const start = performance.now()
  for (let index = 0; index < total; index++) {
    const due = start + (index * 1000) / input.ratePerSecond
    const wait = due - performance.now()
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait))
    const target = input.paths[index % input.paths.length]
    if (!target) continue
    const sent = performance.now()
    pending.push(
      fetch(`${input.url}${target.path}`, { headers: { authorization: `Bearer ${input.token}` } })
        .then(async (response) => {
          await response.arrayBuffer()
          if (response.status !== 200) fail(target.name, `HTTP ${response.status}`)
          else latencies.get(target.name)?.push(performance.now() - sent)
        })
        .catch((error: unknown) => {
          const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error
          fail(target.name, (cause as { code?: string }).code ?? (cause instanceof Error ? cause.message : String(cause)))
        }),
    )
  }
  await Promise.all(pending)
  const elapsed = (performance.now() - start) / 1000
  const results = input.paths.map(({ name }) => {
    const sorted = [...(latencies.get(name) ?? [])].sort((x, y) => x - y)
    const why = [...(reasons.get(name) ?? [])].map(([reason, count]) => `${reason} × ${count}`).join(', ')
    return { name, sent: sorted.length + (failures.get(name) ?? 0), failed: failures.get(name) ?? 0, failures: why, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), maxMs: sorted.at(-1) ?? NaN }
  })
  return { results, achievedPerSecond: total / elapsed }
}
