/** Work over many targets at once, at most `limit` at a time, each outcome kept. */
export type Outcome<R> =
  | { readonly status: 'done'; readonly value: R }
  | { readonly status: 'failed'; readonly error: unknown }
  /** Never started, because an earlier item failed and `stopOnFailure` was set. */
  | { readonly status: 'skipped' }

export interface ParallelOptions {
  /** Start nothing new once an item has failed (those already running finish). */
  readonly stopOnFailure?: boolean
}

/** Runs `work` for every item, `limit` at a time, in order of the items; never rejects. */
export const settleLimit = async <T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
  options: ParallelOptions = {},
): Promise<Outcome<R>[]> => {
  const outcomes: Outcome<R>[] = items.map(() => ({ status: 'skipped' }))
  let next = 0
  let failed = false
  const worker = async (): Promise<void> => {
    while (next < items.length && !(failed && options.stopOnFailure)) {
      const index = next++
      try {
        outcomes[index] = { status: 'done', value: await work(items[index] as T, index) }
      } catch (error) {
        failed = true
        outcomes[index] = { status: 'failed', error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
  return outcomes
}
