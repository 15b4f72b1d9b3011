import type { Deployment } from '../../core/deployment/deployment.ts'
import type { DeploymentStatus } from '../../core/deployment/deployment-machine.ts'
import { formatDuration } from '../../core/duration.ts'
import { shortDigest } from '../../core/release/release.ts'
import { paint, type Io } from './io.ts'

const STATUS_STYLE = {
  pending: 'yellow',
  awaiting_approval: 'yellow',
  queued: 'cyan',
  running: 'cyan',
  verifying: 'cyan',
  succeeded: 'green',
  failed: 'red',
  errored: 'red',
  interrupted: 'magenta',
  rejected: 'red',
  cancelled: 'gray',
  superseded: 'gray',
} as const satisfies Record<DeploymentStatus, Parameters<typeof paint>[1]>

export const formatStatus = (io: Io, status: DeploymentStatus): string => paint(io, STATUS_STYLE[status], status.replace('_', ' '))

/** "3m ago" on a terminal, RFC 3339 when piped. */
export const formatTime = (io: Io, iso: string | null, now = Date.now()): string => {
  if (iso === null) return '-'
  if (!io.stdoutIsTTY) return iso
  const elapsed = now - Date.parse(iso)
  return elapsed < 1000 ? 'just now' : `${formatDuration(elapsed)} ago`
}

/** `#4 promotion of web v1 (sha256:…) into production` */
export const describeDeployment = (deployment: Deployment): string =>
  `#${deployment.id} ${deployment.kind} of ${deployment.service} ${deployment.releaseVersion} (${shortDigest(deployment.releaseDigest)}) into ${deployment.environment}`

export const tookMs = (deployment: Deployment): number | null =>
  deployment.startedAt && deployment.finishedAt ? Date.parse(deployment.finishedAt) - Date.parse(deployment.startedAt) : null

/**
 * A table: aligned with a header on a terminal, tab-separated without a header when piped (so
 * `cut` and `awk` work on it).
 */
export const formatTable = (io: Io, header: readonly string[], rows: readonly (readonly string[])[]): string => {
  if (!io.stdoutIsTTY) return rows.map((row) => row.join('\t')).join('\n')
  // eslint-disable-next-line no-control-regex -- measure text without its colour codes
  const visible = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '').length
  const widths = header.map((title, column) => Math.max(visible(title), ...rows.map((row) => visible(row[column] ?? ''))))
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => cell + ' '.repeat(Math.max(0, (widths[column] ?? 0) - visible(cell)))).join('  ').trimEnd()
  return [line(header.map((title) => title.toUpperCase())), ...rows.map(line)].join('\n')
}
