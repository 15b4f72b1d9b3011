const DAY_MS = 86_400_000
const WEEK_MS = 7 * DAY_MS

/** An ISO 8601 week in UTC: Monday 00:00 to the next Monday. */
export interface IsoWeek {
  /** `2026-W09`: the ISO week-numbering year, which differs from the calendar year around New Year. */
  readonly week: string
  readonly startMs: number
}

/** The Monday 00:00 UTC that starts the ISO week containing `ms`. */
export const isoWeekStart = (ms: number): number => {
  const day = Math.floor(ms / DAY_MS) * DAY_MS
  const sinceMonday = (new Date(day).getUTCDay() + 6) % 7
  return day - sinceMonday * DAY_MS
}

/** The ISO week containing `ms`: its year is the year of its Thursday. */
export const isoWeekOf = (ms: number): IsoWeek => {
  const startMs = isoWeekStart(ms)
  const thursday = startMs + 3 * DAY_MS
  const year = new Date(thursday).getUTCFullYear()
  const number = Math.floor((thursday - Date.UTC(year, 0, 1)) / WEEK_MS) + 1
  return { week: `${year}-W${String(number).padStart(2, '0')}`, startMs }
}

/** Every ISO week that overlaps [fromMs, toMs], oldest first. */
export const isoWeeksBetween = (fromMs: number, toMs: number): IsoWeek[] => {
  const weeks: IsoWeek[] = []
  for (let start = isoWeekStart(fromMs); start <= toMs; start += WEEK_MS) weeks.push(isoWeekOf(start))
  return weeks
}
