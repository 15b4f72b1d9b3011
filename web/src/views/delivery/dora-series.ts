import type { DoraFigures, DoraReport } from '../../api/types.ts'
import { duration } from '../../format/time.ts'

/** One metric over the weeks of a report, ready to draw. */
export interface DoraSeries {
  readonly key: string
  readonly title: string
  /** What the metric means, in one line. */
  readonly help: string
  /** One value per week (null: nothing to measure that week). */
  readonly values: readonly (number | null)[]
  readonly format: (value: number) => string
  /** The whole window, formatted. */
  readonly total: string
}

const percent = (value: number) => `${Math.round(value * 100)}%`
const count = (value: number) => String(value)

const METRICS: readonly { key: string; title: string; help: string; value: (f: DoraFigures) => number | null; format: (value: number) => string }[] = [
  { key: 'deployments', title: 'Deployment frequency', help: 'successful deploys and promotions per week', value: (f) => f.deployments, format: count },
  { key: 'lead-time', title: 'Change lead time', help: "median, commit → the release's first success", value: (f) => f.leadTime.medianMs, format: duration },
  { key: 'change-failure', title: 'Change failure rate', help: 'failed, interrupted, rolled back or quarantined', value: (f) => f.changeFailureRate, format: percent },
  { key: 'recovery', title: 'Failed deployment recovery time', help: 'median, failure → next success there', value: (f) => f.recovery.medianMs, format: duration },
  { key: 'rework', title: 'Rework rate', help: 'rollbacks and changes made while a failure was open', value: (f) => f.rework.rate, format: percent },
]

export const doraSeries = (report: DoraReport): DoraSeries[] =>
  METRICS.map(({ key, title, help, value, format }) => {
    const total = key === 'deployments' ? `${report.totals.deploymentsPerWeek.toFixed(1)} a week` : value(report.totals)
    return {
      key,
      title,
      help,
      format,
      values: report.weeks.map(value),
      total: typeof total === 'string' ? total : total === null ? 'no data' : format(total),
    }
  })

/** Bar heights in [0, 1] against the largest value; a series of zeros stays flat. */
export const barHeights = (values: readonly (number | null)[]): (number | null)[] => {
  const top = Math.max(0, ...values.map((value) => value ?? 0))
  return values.map((value) => (value === null ? null : top === 0 ? 0 : value / top))
}
