import { WEEKDAYS, type Weekday } from '../policy.ts'

/** Wall-clock fields of an instant in an IANA time zone. */
export interface ZonedParts {
  readonly year: number
  readonly month: number
  readonly day: number
  readonly weekday: Weekday
  readonly minuteOfDay: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** True when the runtime knows the IANA time zone name. */
export const isTimeZone = (timeZone: string): boolean => {
  try {
    formatterFor(timeZone)
    return true
  } catch {
    return false
  }
}

export const zonedParts = (ms: number, timeZone: string): ZonedParts => {
  const fields: Record<string, string> = {}
  for (const part of formatterFor(timeZone).formatToParts(ms)) fields[part.type] = part.value
  const weekday = (fields['weekday'] ?? '').toLowerCase().slice(0, 3) as Weekday
  return {
    year: Number(fields['year']),
    month: Number(fields['month']),
    day: Number(fields['day']),
    weekday,
    minuteOfDay: Number(fields['hour']) * 60 + Number(fields['minute']),
  }
}

/** The instant at which the wall clock in `timeZone` shows the given local date and minute. */
export const zonedToInstant = (
  local: { readonly year: number; readonly month: number; readonly day: number; readonly minuteOfDay: number },
  timeZone: string,
): number => {
  const wall = Date.UTC(local.year, local.month - 1, local.day, 0, local.minuteOfDay)
  let guess = wall
  // The zone's offset can differ between the guess and the answer near a DST change: refine twice.
  for (let i = 0; i < 2; i++) {
    const seen = zonedParts(guess, timeZone)
    const seenWall = Date.UTC(seen.year, seen.month - 1, seen.day, 0, seen.minuteOfDay)
    guess += wall - seenWall
  }
  return guess
}

export const previousWeekday = (day: Weekday): Weekday =>
  WEEKDAYS[(WEEKDAYS.indexOf(day) + WEEKDAYS.length - 1) % WEEKDAYS.length] as Weekday
