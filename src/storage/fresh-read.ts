/**
 * One query shared by every caller who asked while it was running, but never handed to a caller
 * who asked after it started: each answer comes from a query begun no earlier than `notBefore`
 * (a performance.now() time), so it reflects every write committed before the caller asked.
 * Under load, callers then share one round trip per query instead of making one each.
 */
export const freshRead = <T>(query: () => Promise<T>): ((notBefore: number) => Promise<T>) => {
  let running: { readonly startedAt: number; readonly result: Promise<T> } | null = null
  let queued: Promise<T> | null = null
  const start = (): Promise<T> => {
    const run = { startedAt: performance.now(), result: query() }
    running = run
    const done = () => {
      if (running === run) running = null
    }
    run.result.then(done, done)
    return run.result
  }
  return (notBefore) => {
    if (running === null) return start()
    if (running.startedAt >= notBefore) return running.result
    // it began before this caller asked: its answer may predate a write the caller has seen
    queued ??= running.result.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      queued = null
      return start()
    })
    return queued
  }
}
