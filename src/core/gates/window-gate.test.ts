import { describe, expect, it } from 'vitest'
import type { DeployWindow } from '../policy.ts'
import { checkWindows, isWindowOpen, nextOpening } from './window-gate.ts'
import { isTimeZone, zonedParts, zonedToInstant } from './zoned-time.ts'

const lagos: DeployWindow = { days: ['mon', 'tue', 'wed', 'thu'], fromMinute: 9 * 60, toMinute: 16 * 60, timezone: 'Africa/Lagos' }
const overnight: DeployWindow = { days: ['fri'], fromMinute: 22 * 60, toMinute: 2 * 60, timezone: 'UTC' }

// Lagos is UTC+1 all year.
const at = (iso: string) => Date.parse(iso)

describe('deploy windows', () => {
  it.each([
    ['Thursday 10:00 Lagos is inside mon-thu 09:00-16:00', '2026-11-26T09:00:00Z', true],
    ['Thursday 08:59 Lagos is before the window', '2026-11-26T07:59:00Z', false],
    ['Thursday 16:00 Lagos is the end (exclusive)', '2026-11-26T15:00:00Z', false],
    ['Friday 10:00 Lagos is not a window day', '2026-11-27T09:00:00Z', false],
    ['Monday 09:00 Lagos opens the window', '2026-11-30T08:00:00Z', true],
  ])('%s', (_name, iso, open) => {
    expect(isWindowOpen(lagos, at(iso))).toBe(open)
  })

  it.each([
    ['Friday 23:00 is inside a window that runs past midnight', '2026-11-27T23:00:00Z', true],
    ['Saturday 01:59 is still inside it', '2026-11-28T01:59:00Z', true],
    ['Saturday 02:00 is past it', '2026-11-28T02:00:00Z', false],
    ['Saturday 23:00 is not a window start day', '2026-11-28T23:00:00Z', false],
  ])('%s', (_name, iso, open) => {
    expect(isWindowOpen(overnight, at(iso))).toBe(open)
  })

  it('says when the next window opens', () => {
    expect(nextOpening(lagos, at('2026-11-27T09:00:00Z'))).toBe(at('2026-11-30T08:00:00Z'))
    expect(nextOpening(lagos, at('2026-11-26T06:00:00Z'))).toBe(at('2026-11-26T08:00:00Z'))
  })

  it('waits outside every window, with the opening time', () => {
    const check = checkWindows([lagos], at('2026-11-27T09:00:00Z'))
    expect(check.verdict).toBe('wait')
    expect(check.opensAt).toBe(at('2026-11-30T08:00:00Z'))
  })

  it('passes inside any one window, and when there are none', () => {
    expect(checkWindows([overnight, lagos], at('2026-11-26T09:00:00Z')).verdict).toBe('pass')
    expect(checkWindows([], at('2026-11-27T09:00:00Z')).verdict).toBe('pass')
  })

  it('handles a daylight-saving change in the window time zone', () => {
    const berlin: DeployWindow = { days: ['mon'], fromMinute: 9 * 60, toMinute: 10 * 60, timezone: 'Europe/Berlin' }
    // 2026-03-30 is the Monday after Europe moves to summer time (UTC+2)
    expect(isWindowOpen(berlin, at('2026-03-30T07:30:00Z'))).toBe(true)
    expect(isWindowOpen(berlin, at('2026-03-30T08:30:00Z'))).toBe(false)
    expect(nextOpening(berlin, at('2026-03-28T12:00:00Z'))).toBe(at('2026-03-30T07:00:00Z'))
  })

  it('converts between wall-clock time and instants', () => {
    const instant = zonedToInstant({ year: 2026, month: 11, day: 26, minuteOfDay: 9 * 60 }, 'Africa/Lagos')
    expect(new Date(instant).toISOString()).toBe('2026-11-26T08:00:00.000Z')
    expect(zonedParts(instant, 'Africa/Lagos')).toMatchObject({ weekday: 'thu', minuteOfDay: 540 })
    expect(isTimeZone('Africa/Lagos')).toBe(true)
    expect(isTimeZone('Mars/Olympus')).toBe(false)
  })
})
