import type { PipelineEnvironment, TargetStatus } from '../../api/types.ts'
import { Age } from '../../components/Age.tsx'
import { ReleaseLabel } from '../../components/ReleaseLabel.tsx'
import { StatusBadge } from '../../components/StatusBadge.tsx'
import { toneOf } from '../../format/status.ts'
import { Link } from '../../routing/router.tsx'
import { TargetActions } from './TargetActions.tsx'

interface TargetCellProps {
  readonly target: TargetStatus | undefined
  readonly service: string
  readonly environment: PipelineEnvironment
  readonly onChanged: () => void
}

/** One service in one environment: what is live, what happened last, and what is in the way. */
export const TargetCell = ({ target, service, environment, onChanged }: TargetCellProps) => {
  const name = `${service} in ${environment.name}`
  if (!target) return <td className="cell cell-none">not deployed here</td>
  const { live, latest, waiting, lease, freeze, autoDeployPause } = target
  return (
    <td className={`cell tone-edge-${latest ? toneOf(latest.status) : 'neutral'}`}>
      <section aria-label={name}>
        <div className="live">
          {live ? (
            <>
              <ReleaseLabel version={live.release.version} digest={live.release.digest} />
              <span className="muted">
                live since <Age at={live.since} />
              </span>
            </>
          ) : (
            <span className="muted">nothing live yet</span>
          )}
        </div>
        {latest && (
          <div className="latest">
            <Link to={`/deployments/${latest.id}`}>
              #{latest.id} {latest.kind} of {latest.releaseVersion}
            </Link>{' '}
            <StatusBadge status={latest.status} />
          </div>
        )}
        <ul className="flags">
          {waiting.length > 0 && <li className="flag">{waiting.length} waiting</li>}
          {lease?.hold && (
            <li className="flag flag-hold">
              held by {lease.hold.by}: {lease.hold.reason}
            </li>
          )}
          {freeze && <li className="flag flag-freeze">frozen</li>}
          {autoDeployPause && (
            <li className="flag flag-pause">
              auto-deploy paused: {autoDeployPause.reason}
            </li>
          )}
        </ul>
        <TargetActions target={target} environment={environment} onDone={onChanged} />
      </section>
    </td>
  )
}
