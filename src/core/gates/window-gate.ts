import type { DeployWindow } from '../policy.ts'
import { pass, wait, type GateCheck } from './gate.ts'
import { previousWeekday, zonedParts, zonedToInstant } from './zoned-time.ts'

const MINUTES_PER_DAY = 24 * 60
const DAY_MS = 86_400_000

export const isWindowOpen = (window: DeployWindow, now: number): boolean => {
  const local = zonedParts(now, window.timezone)
  if (window.fromMinute < window.toMinute)
    return window.days.includes(local.weekday) && local.minuteOfDay >= window.fromMinute && local.minuteOfDay < window.toMinute
  // runs past midnight: open from `from` on a listed day until `to` on the next day
  return (
    (window.days.includes(local.weekday) && local.minuteOfDay >= window.fromMinute) ||
    (window.days.includes(previousWeekday(local.weekday)) && local.minuteOfDay < window.toMinute)
  )
}

/** The next instant after `now` at which the window opens. */
export const nextOpening = (window: DeployWindow, now: number): number | null => {
  const today = zonedParts(now, window.timezone)
  const todayUtc = Date.UTC(today.year, today.month - 1, today.day)
  for (let offset = 0; offset <= 7; offset++) {
    const date = new Date(todayUtc + offset * DAY_MS)
    const local = {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      minuteOfDay: window.fromMinute % MINUTES_PER_DAY,
    }
    const opensAt = zonedToInstant(local, window.timezone)
    if (opensAt > now && window.days.includes(zonedParts(opensAt, window.timezone).weekday)) return opensAt
  }
  return null
}

const describe = (window: DeployWindow): string => {
  const time = (minute: number) =>
    `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`
  return `${window.days.join(',')} ${time(window.fromMinute)}-${time(window.toMinute)} ${window.timezone}`
}

/** Deployments run only inside one of the windows; no windows means any time. */
export const checkWindows = (windows: readonly DeployWindow[], now: number): GateCheck => {
  if (windows.length === 0) return pass('window', 'no deploy window configured')
  const open = windows.find((window) => isWindowOpen(window, now))
  if (open) return pass('window', `inside deploy window ${describe(open)}`)
  const openings = windows.map((window) => nextOpening(window, now)).filter((at): at is number => at !== null)
  const opensAt = openings.length ? Math.min(...openings) : undefined
  const when = opensAt === undefined ? '' : `; next opens at ${new Date(opensAt).toISOString()}`
  return wait('window', `outside deploy windows (${windows.map(describe).join('; ')})${when}`, opensAt)
}
