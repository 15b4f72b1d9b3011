import type { DoraSeries } from './dora-series.ts'
import { barHeights } from './dora-series.ts'

const WIDTH = 320
const HEIGHT = 90
const GAP = 2

/** One metric as bars per ISO week: plain SVG, each bar titled with its week and value. */
export const WeeklyChart = ({ series, weeks }: { readonly series: DoraSeries; readonly weeks: readonly string[] }) => {
  const heights = barHeights(series.values)
  const slot = WIDTH / Math.max(1, heights.length)
  return (
    <figure className="dora-chart" data-metric={series.key}>
      <figcaption>
        <strong>{series.title}</strong> <span className="dora-total">{series.total}</span>
        <br />
        <span className="muted">{series.help}</span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${series.title} per week: ${series.total} over the window`} preserveAspectRatio="none">
        <line x1={0} y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} className="dora-axis" />
        {heights.map((height, index) => {
          const value = series.values[index]
          const label = `${weeks[index] ?? ''}: ${value === null || value === undefined ? 'no data' : series.format(value)}`
          const barHeight = height === null ? 0 : Math.max(1, height * (HEIGHT - 4))
          return (
            <rect key={weeks[index] ?? index} className={height === null ? 'dora-bar dora-empty' : 'dora-bar'} x={index * slot + GAP / 2} y={HEIGHT - barHeight} width={Math.max(1, slot - GAP)} height={barHeight}>
              <title>{label}</title>
            </rect>
          )
        })}
      </svg>
    </figure>
  )
}
