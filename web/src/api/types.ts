/**
 * The API's records as the dashboard reads them: names over the types generated from the server's
 * OpenAPI document (openapi.ts; `npm run api-types` regenerates it).
 */
import type { components } from './openapi.ts'

type Schemas = components['schemas']

export type Session = Schemas['Session']
export type Release = Schemas['Release']
export type ReleaseSource = Release['source']
export type Deployment = Schemas['Deployment']
export type DeploymentStatus = Deployment['status']
export type DeploymentKind = Deployment['kind']
export type Approval = Schemas['Approval']
export type ApprovalTally = Schemas['ApprovalTally']
export type DeploymentStep = Schemas['DeploymentStep']
export type LogLine = Schemas['LogLine']
export type Lease = Schemas['Lease']
export type Freeze = Schemas['Freeze']
export type AutoDeployPause = Schemas['AutoDeployPause']
export type TargetStatus = Schemas['TargetStatus']
export type StatusReport = Schemas['StatusReport']
export type PendingApproval = StatusReport['pendingApprovals'][number]
export type Pipeline = Schemas['Pipeline']
export type PipelineEnvironment = Schemas['Environment']
export type DeploymentDetail = Schemas['DeploymentDetail']
export type Requested = Schemas['RequestedDeployment']
export type Decision = Schemas['Decision']

/** Every status, in the order the history filter offers them. */
export const DEPLOYMENT_STATUSES = [
  'pending',
  'awaiting_approval',
  'queued',
  'running',
  'verifying',
  'succeeded',
  'failed',
  'errored',
  'rejected',
  'cancelled',
  'superseded',
  'interrupted',
] as const satisfies readonly DeploymentStatus[]

// A status the server adds fails to compile here until the filter offers it.
const everyStatusListed: [Exclude<DeploymentStatus, (typeof DEPLOYMENT_STATUSES)[number]>] extends [never] ? true : never = true
void everyStatusListed

export type DoraReport = Schemas['DoraReport']
export type DoraFigures = Omit<DoraReport['totals'], 'deploymentsPerWeek'>
