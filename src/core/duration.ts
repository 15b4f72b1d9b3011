const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const
const DURATION_PATTERN = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/

/** Parses `200ms`, `1s`, `30m`, `24h`, `7d` into milliseconds; `null` when the text is not a duration. */
export const parseDuration = (text: string): number | null => {
  const match = DURATION_PATTERN.exec(text.trim())
  if (!match) return null
  const [, amount, unit] = match
  return Math.round(Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS])
}

/** `1h 5m`, `42s`, `250ms` — short and exact enough for status lines. */
export const formatDuration = (ms: number): string => {
  if (ms < 1000) return `${Math.round(ms)}ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)}s`
  const totalMinutes = Math.floor(ms / 60_000)
  if (totalMinutes < 60) {
    const seconds = Math.floor((ms % 60_000) / 1000)
    return seconds ? `${totalMinutes}m ${seconds}s` : `${totalMinutes}m`
  }
  const hours = Math.floor(totalMinutes / 60)
  const minutes = totalMinutes % 60
  if (hours < 48) return minutes ? `${hours}h ${minutes}m` : `${hours}h`
  return `${Math.floor(hours / 24)}d ${hours % 24}h`
}
