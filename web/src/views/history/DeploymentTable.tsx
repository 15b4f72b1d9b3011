import type { Deployment } from '../../api/types.ts'
import { Age } from '../../components/Age.tsx'
import { ReleaseLabel } from '../../components/ReleaseLabel.tsx'
import { StatusBadge } from '../../components/StatusBadge.tsx'
import { duration } from '../../format/time.ts'
import { Link } from '../../routing/router.tsx'

const took = (deployment: Deployment) =>
  deployment.startedAt && deployment.finishedAt ? duration(Date.parse(deployment.finishedAt) - Date.parse(deployment.startedAt)) : '—'

export const DeploymentTable = ({ deployments }: { readonly deployments: readonly Deployment[] }) => (
  <table className="history" aria-label="Deployments">
    <thead>
      <tr>
        <th scope="col">#</th>
        <th scope="col">Service</th>
        <th scope="col">Environment</th>
        <th scope="col">Kind</th>
        <th scope="col">Release</th>
        <th scope="col">Status</th>
        <th scope="col">Requested by</th>
        <th scope="col">When</th>
        <th scope="col">Took</th>
      </tr>
    </thead>
    <tbody>
      {deployments.map((deployment) => (
        <tr key={deployment.id}>
          <td>
            <Link to={`/deployments/${deployment.id}`}>#{deployment.id}</Link>
          </td>
          <td>{deployment.service}</td>
          <td>{deployment.environment}</td>
          <td>{deployment.kind}</td>
          <td>
            <ReleaseLabel version={deployment.releaseVersion} digest={deployment.releaseDigest} />
          </td>
          <td>
            <StatusBadge status={deployment.status} />
          </td>
          <td>{deployment.requestedBy}</td>
          <td>
            <Age at={deployment.createdAt} />
          </td>
          <td>{took(deployment)}</td>
        </tr>
      ))}
    </tbody>
  </table>
)
