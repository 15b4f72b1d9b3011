import { describe, expect, it } from 'vitest'
import { CLOCK_PATTERN, DAYS_PATTERN, parseClock, parseDays } from './weekdays.ts'

describe('parseDays', () => {
  it.each([
    ['mon-fri', ['mon', 'tue', 'wed', 'thu', 'fri']],
    ['mon,wed,fri', ['mon', 'wed', 'fri']],
    ['fri-mon', ['sun', 'mon', 'fri', 'sat']],
    ['sat, sun', ['sun', 'sat']],
    ['tue-tue', ['tue']],
  ] as const)('%s', (text, days) => {
    expect(DAYS_PATTERN.test(text)).toBe(true)
    expect(parseDays(text)).toEqual(days)
  })

  it('accepts a list', () => {
    expect(parseDays(['thu', 'mon', 'thu'])).toEqual(['mon', 'thu'])
  })

  it.each(['', 'monday', 'mon-', 'mon;tue', 'mon-tue-wed', 'Mon'])('the pattern refuses %j', (text) => {
    expect(DAYS_PATTERN.test(text)).toBe(false)
  })
})

describe('parseClock', () => {
  it.each([
    ['00:00', 0],
    ['09:30', 570],
    ['23:59', 1439],
  ] as const)('%s is minute %i', (text, minute) => {
    expect(CLOCK_PATTERN.test(text)).toBe(true)
    expect(parseClock(text)).toBe(minute)
  })

  it.each(['24:00', '9:00', '09:60', '0900', '09:00:00'])('the pattern refuses %s', (text) => {
    expect(CLOCK_PATTERN.test(text)).toBe(false)
  })
})
