import type { DeploymentStatus } from '../api/types.ts'
import { statusLabel, toneOf } from '../format/status.ts'

export const StatusBadge = ({ status }: { readonly status: DeploymentStatus }) => (
  <span className={`badge tone-${toneOf(status)}`} data-status={status}>
    {statusLabel(status)}
  </span>
)
