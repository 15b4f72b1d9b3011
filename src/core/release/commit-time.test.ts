import { describe, expect, it } from 'vitest'
import { normalizeCommitTime } from './commit-time.ts'

describe('normalizeCommitTime', () => {
  it.each([
    ['2026-03-01T10:00:00+05:30', '2026-03-01T04:30:00.000Z'],
    ['2026-03-01T01:00:00-08:00', '2026-03-01T09:00:00.000Z'],
    ['2026-01-04T23:30:00-01:00', '2026-01-05T00:30:00.000Z'],
    ['2026-03-01T10:00:00Z', '2026-03-01T10:00:00.000Z'],
    ['2026-03-01T10:00:00.123456+00:00', '2026-03-01T10:00:00.123Z'],
  ])('%s is the instant %s', (text, utc) => {
    expect(normalizeCommitTime(text, '--commit-time')).toBe(utc)
  })

  it.each(['2026-03-01T10:00:00', '2026-03-01', 'yesterday', '2026-02-30T10:00:00Z', '2026-13-01T10:00:00Z', '1740823200'])(
    'refuses %s, naming where it came from and what was expected',
    (text) => {
      expect(() => normalizeCommitTime(text, '--commit-time')).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/^--commit-time: .* expected ISO 8601 with an offset/) as unknown }),
      )
    },
  )
})
