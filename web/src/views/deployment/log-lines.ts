import type { LogLine } from '../../api/types.ts'

/** A line as the event stream sends it: live lines are not numbered yet (the store numbers them when it writes them). */
export type LiveLine = Omit<LogLine, 'seq'> & { readonly seq?: number }

export type ShownLine = { readonly key: string; readonly line: LiveLine }

const contentKey = (line: LiveLine) => `${line.at}\u0000${line.level}\u0000${line.source}\u0000${line.message}`

/**
 * The stored lines in order, then the live lines the store had not written yet when they were
 * fetched. A live line is matched to a stored one by its content, counted, so repeated lines stay.
 */
export const visibleLog = (stored: readonly LogLine[], live: readonly LiveLine[]): ShownLine[] => {
  const unmatched = new Map<string, number>()
  for (const line of stored) unmatched.set(contentKey(line), (unmatched.get(contentKey(line)) ?? 0) + 1)
  const shown: ShownLine[] = [...stored].sort((a, b) => a.seq - b.seq).map((line) => ({ key: `s${line.seq}`, line }))
  live.forEach((line, index) => {
    const key = contentKey(line)
    const count = unmatched.get(key) ?? 0
    if (count > 0) unmatched.set(key, count - 1)
    else shown.push({ key: `l${index}`, line })
  })
  return shown
}
