const UNITS: readonly (readonly [number, string])[] = [
  [24 * 60 * 60_000, 'd'],
  [60 * 60_000, 'h'],
  [60_000, 'min'],
  [1000, 's'],
]

/** A short duration: `42 s`, `5 min`, `3 h`, `2 d`. */
export const duration = (ms: number): string => {
  const safe = Math.max(0, ms)
  for (const [size, unit] of UNITS) if (safe >= size) return `${Math.floor(safe / size)} ${unit}`
  return `${Math.round(safe)} ms`
}

/** How long ago `iso` was, relative to `now`. */
export const age = (iso: string, now: number): string => {
  const ms = now - Date.parse(iso)
  return ms < 5000 ? 'just now' : `${duration(ms)} ago`
}

/** A local date and time, to the second, for timelines and tooltips. */
export const clock = (iso: string): string =>
  new Date(iso).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
