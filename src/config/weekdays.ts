import { WEEKDAYS, type Weekday } from '../core/policy.ts'

const DAY = `(?:${WEEKDAYS.join('|')})`
const ITEM = `${DAY}(?:-${DAY})?`

/** `mon-fri`, `mon,wed,fri`, `sat-sun,wed`: single days and ranges, comma separated. */
export const DAYS_PATTERN = new RegExp(`^${ITEM}(?:, ?${ITEM})*$`)

/** The weekdays a window's `days` names, in {@link WEEKDAYS} order; a range may wrap (`fri-mon`). */
export const parseDays = (days: string | readonly Weekday[]): Weekday[] => {
  const picked = new Set<Weekday>()
  const items = typeof days === 'string' ? days.split(',').map((item) => item.trim()) : days
  for (const item of items) {
    const [first, last = first] = item.split('-') as [Weekday, Weekday?]
    const start = WEEKDAYS.indexOf(first)
    const span = (WEEKDAYS.indexOf(last) - start + WEEKDAYS.length) % WEEKDAYS.length
    for (let step = 0; step <= span; step++) picked.add(WEEKDAYS[(start + step) % WEEKDAYS.length] as Weekday)
  }
  return WEEKDAYS.filter((day) => picked.has(day))
}

/** `HH:MM` on a 24-hour clock. */
export const CLOCK_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/

/** Minutes after midnight of an `HH:MM` time that matched {@link CLOCK_PATTERN}. */
export const parseClock = (time: string): number => {
  const [hours = '0', minutes = '0'] = time.split(':')
  return Number(hours) * 60 + Number(minutes)
}
