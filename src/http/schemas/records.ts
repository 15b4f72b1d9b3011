/**
 * Response schemas for the ledger's records. They mirror the core types field for field; the
 * OpenAPI document is generated from them.
 */
import { z } from '@hono/zod-openapi'
import { DEPLOYMENT_KINDS } from '../../core/deployment/deployment.ts'
import { DEPLOYMENT_STATUSES } from '../../core/deployment/deployment-machine.ts'
import { RELEASE_ARTIFACT_KINDS } from '../../core/release/release.ts'
import { APPROVAL_DECISIONS } from '../../core/gates/approval-gate.ts'
import { GATE_NAMES } from '../../core/gates/gate.ts'
import { DELIVERY_STATES } from '../../core/notify/outbox.ts'
import { TARGET_TYPES } from '../../core/notify/notification-policy.ts'
import { LOG_LEVELS, STEP_NAMES } from '../../core/store.ts'
import { orNull } from './helpers.ts'

const time = z.string().openapi({ format: 'date-time', example: '2026-11-26T12:00:00.000Z' })
const digest = z.string().openapi({ example: `sha256:${'ab'.repeat(32)}` })

export const releaseSchema = z
  .object({
    id: z.number().int(),
    service: z.string(),
    version: z.string(),
    digest,
    artifact: z.object({
      kind: z.enum(RELEASE_ARTIFACT_KINDS),
      files: z.number().int(),
      bytes: z.number().int(),
      image: z.object({ repository: z.string(), platform: z.string().nullable() }).optional().openapi({ description: 'Set for image releases: the digest is the manifest digest in this repository' }),
    }),
    source: z.object({
      repository: z.string().nullable(),
      commit: z.string().nullable(),
      branch: z.string().nullable(),
      buildUrl: z.string().nullable(),
      committedAt: time.nullable().openapi({ description: 'When the commit was made, in UTC; where change lead time starts' }),
    }),
    createdBy: z.string(),
    createdAt: time,
  })
  .openapi('Release')

export const quarantineSchema = z
  .object({ service: z.string(), releaseId: z.number().int(), by: z.string(), reason: z.string(), createdAt: time })
  .openapi('Quarantine')

export const releaseRowSchema = releaseSchema.extend({ quarantine: orNull(quarantineSchema) }).openapi('ReleaseRow')

export const deploymentSchema = z
  .object({
    id: z.number().int(),
    service: z.string(),
    environment: z.string(),
    kind: z.enum(DEPLOYMENT_KINDS),
    releaseId: z.number().int(),
    releaseVersion: z.string(),
    releaseDigest: digest,
    status: z.enum(DEPLOYMENT_STATUSES),
    statusReason: z.string().nullable(),
    requestedBy: z.string(),
    reason: z.string().nullable(),
    fromEnvironment: z.string().nullable(),
    rollbackOf: z.number().int().nullable(),
    automatic: z.boolean(),
    policyHash: z.string(),
    epoch: z.number().int().nullable(),
    previousReleaseId: z.number().int().nullable(),
    createdAt: time,
    updatedAt: time,
    startedAt: time.nullable(),
    finishedAt: time.nullable(),
  })
  .openapi('Deployment')

export const approvalSchema = z
  .object({
    id: z.number().int(),
    deploymentId: z.number().int(),
    decision: z.enum(APPROVAL_DECISIONS),
    actor: z.string(),
    comment: z.string(),
    releaseDigest: digest,
    environment: z.string(),
    policyHash: z.string(),
    createdAt: time,
  })
  .openapi('Approval')

export const tallySchema = z
  .object({
    required: z.number().int(),
    approvedBy: z.array(z.string()).readonly(),
    rejectedBy: orNull(approvalSchema),
    ignored: z.array(z.object({ actor: z.string(), why: z.string() })).readonly(),
  })
  .openapi('ApprovalTally')

export const gateCheckSchema = z
  .object({ gate: z.enum(GATE_NAMES), verdict: z.enum(['pass', 'wait', 'block']), message: z.string(), opensAt: z.number().optional() })
  .openapi('GateCheck')

export const requestedSchema = z
  .object({
    deployment: deploymentSchema,
    evaluation: z.object({
      outcome: z.enum(['queued', 'awaiting_approval', 'pending', 'rejected']),
      checks: z.array(gateCheckSchema).readonly(),
      reason: z.string(),
    }),
    superseded: z.array(deploymentSchema).readonly(),
  })
  .openapi('RequestedDeployment')

export const stepSchema = z
  .object({
    id: z.number().int(),
    deploymentId: z.number().int(),
    name: z.enum(STEP_NAMES),
    status: z.enum(['started', 'succeeded', 'failed']),
    epoch: z.number().int(),
    startedAt: time,
    finishedAt: time.nullable(),
    detail: z.string().nullable(),
  })
  .openapi('DeploymentStep')

export const logLineSchema = z
  .object({ deploymentId: z.number().int(), seq: z.number().int(), at: time, level: z.enum(LOG_LEVELS), source: z.string(), message: z.string() })
  .openapi('LogLine')

export const leaseSchema = z
  .object({
    service: z.string(),
    environment: z.string(),
    epoch: z.number().int(),
    deploymentId: z.number().int().nullable(),
    owner: z.string().nullable(),
    expiresAtMs: z.number().nullable(),
    hold: z.object({ by: z.string(), reason: z.string(), at: time }).nullable(),
  })
  .openapi('Lease')

export const freezeSchema = z
  .object({ environment: z.string(), by: z.string(), reason: z.string(), createdAt: time, expiresAt: time.nullable() })
  .openapi('Freeze')

export const pauseSchema = z
  .object({ service: z.string(), environment: z.string(), by: z.string(), reason: z.string(), createdAt: time })
  .openapi('AutoDeployPause')

export const auditEventSchema = z
  .object({
    seq: z.number().int(),
    at: time,
    actor: z.string(),
    action: z.string(),
    service: z.string().nullable(),
    environment: z.string().nullable(),
    deploymentId: z.number().int().nullable(),
    releaseDigest: z.string().nullable(),
    epoch: z.number().int().nullable(),
    reason: z.string().nullable(),
    data: z.record(z.string(), z.unknown()).nullable(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .openapi('AuditEvent')

export const deliverySchema = z
  .object({
    id: z.number().int(),
    auditSeq: z.number().int().openapi({ description: 'The audit event this delivery tells of' }),
    target: z.string(),
    targetType: z.enum(TARGET_TYPES),
    event: z.string(),
    service: z.string().nullable(),
    environment: z.string().nullable(),
    deploymentId: z.number().int().nullable(),
    state: z.enum(DELIVERY_STATES),
    attempts: z.number().int(),
    lastStatus: z.number().int().nullable().openapi({ description: 'HTTP status of the last attempt; null when it got no answer' }),
    lastError: z.string().nullable().openapi({ description: 'What went wrong last, secrets masked' }),
    lastAttemptAt: time.nullable(),
    createdAt: time,
    deliveredAt: time.nullable(),
    nextAttemptAt: time.nullable(),
  })
  .openapi('NotificationDelivery')
