import { describe, expect, it } from 'vitest'
import type { LogLine } from '../../api/types.ts'
import { visibleLog, type LiveLine } from './log-lines.ts'

const line = (message: string, at = '2026-01-01T00:00:00.000Z'): LiveLine => ({ deploymentId: 1, at, level: 'info', source: 'engine', message })
const stored = (seq: number, message: string): LogLine => ({ ...line(message), seq })

describe('visibleLog', () => {
  it('shows stored lines in order and only the live lines not stored yet', () => {
    const shown = visibleLog([stored(2, 'b'), stored(1, 'a')], [line('b'), line('c')])
    expect(shown.map((entry) => entry.line.message)).toEqual(['a', 'b', 'c'])
  })

  it('keeps a line printed twice', () => {
    expect(visibleLog([stored(1, 'tick')], [line('tick'), line('tick')]).map((entry) => entry.key)).toEqual(['s1', 'l1'])
  })
})
