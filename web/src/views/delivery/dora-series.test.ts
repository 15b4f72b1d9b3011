import { describe, expect, it } from 'vitest'
import type { DoraFigures, DoraReport } from '../../api/types.ts'
import { barHeights, doraSeries } from './dora-series.ts'

const figures = (overrides: Partial<DoraFigures>): DoraFigures => ({
  deployments: 0,
  changes: 0,
  failures: 0,
  changeFailureRate: null,
  leadTime: { count: 0, medianMs: null, withoutCommitTime: 0 },
  recovery: { count: 0, medianMs: null, unrecovered: 0 },
  rework: { deployments: 0, rework: 0, rate: null },
  ...overrides,
})

describe('doraSeries', () => {
  it('gives each metric one value per week and a total for the window', () => {
    const report: DoraReport = {
      since: '2026-03-01T00:00:00.000Z',
      until: '2026-03-15T00:00:00.000Z',
      environments: ['production'],
      service: null,
      totals: { ...figures({ deployments: 4, changes: 5, failures: 1, changeFailureRate: 0.2, leadTime: { count: 4, medianMs: 7_200_000, withoutCommitTime: 0 } }), deploymentsPerWeek: 2 },
      weeks: [
        { week: '2026-W09', start: '2026-02-23T00:00:00.000Z', ...figures({}) },
        { week: '2026-W10', start: '2026-03-02T00:00:00.000Z', ...figures({ deployments: 4, changes: 5, failures: 1, changeFailureRate: 0.2 }) },
      ],
      failures: [],
    }
    const series = doraSeries(report)
    expect(series.map((s) => [s.key, s.values, s.total])).toEqual([
      ['deployments', [0, 4], '2.0 a week'],
      ['lead-time', [null, null], '2 h'],
      ['change-failure', [null, 0.2], '20%'],
      ['recovery', [null, null], 'no data'],
      ['rework', [null, null], 'no data'],
    ])
  })

  it('scales bars to the largest value and keeps the gaps', () => {
    expect(barHeights([2, null, 4, 0])).toEqual([0.5, null, 1, 0])
    expect(barHeights([0, 0])).toEqual([0, 0])
    expect(barHeights([])).toEqual([])
  })
})
