import type { DeploymentDetail } from '../../api/types.ts'
import { clock } from '../../format/time.ts'
import { Link } from '../../routing/router.tsx'
import { timelineOf } from './timeline.ts'

export const Timeline = ({ detail }: { readonly detail: DeploymentDetail }) => (
  <section aria-labelledby="timeline-heading">
    <h2 id="timeline-heading">Timeline</h2>
    <ol className="timeline" aria-label="Timeline">
      {timelineOf(detail).map((entry, index) => (
        <li key={index} className={`tone-dot-${entry.tone}`}>
          <time dateTime={entry.at}>{clock(entry.at)}</time>
          <div>
            {entry.actor && <strong>{entry.actor}</strong>} {entry.link ? <Link to={entry.link}>{entry.what}</Link> : entry.what}
            {entry.epoch !== null && <span className="epoch"> · epoch {entry.epoch}</span>}
            {entry.note && <div className="muted">{entry.note}</div>}
          </div>
        </li>
      ))}
    </ol>
  </section>
)
