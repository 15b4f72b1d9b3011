/** Response schemas for composed views: status, deployment detail, audit verdict. */
import { z } from '@hono/zod-openapi'
import { orNull } from './helpers.ts'
import {
  approvalSchema,
  deploymentSchema,
  freezeSchema,
  leaseSchema,
  pauseSchema,
  releaseSchema,
  stepSchema,
  tallySchema,
} from './records.ts'

export const targetStatusSchema = z
  .object({
    service: z.string(),
    environment: z.string(),
    live: z.object({ release: releaseSchema, since: z.string(), deploymentId: z.number().int() }).nullable(),
    latest: orNull(deploymentSchema),
    active: orNull(deploymentSchema),
    waiting: z.array(deploymentSchema).readonly(),
    lease: orNull(leaseSchema),
    freeze: orNull(freezeSchema),
    autoDeployPause: orNull(pauseSchema),
  })
  .openapi('TargetStatus')

export const statusReportSchema = z
  .object({
    services: z.array(z.string()).readonly(),
    environments: z.array(z.string()).readonly(),
    targets: z.array(targetStatusSchema).readonly(),
    pendingApprovals: z.array(z.object({ deployment: deploymentSchema, tally: tallySchema })).readonly(),
  })
  .openapi('StatusReport')

export const deploymentDetailSchema = z
  .object({
    deployment: deploymentSchema,
    release: releaseSchema,
    approvals: z.array(approvalSchema).readonly(),
    steps: z.array(stepSchema).readonly(),
    rollbacks: z.array(deploymentSchema).readonly(),
  })
  .openapi('DeploymentDetail')

export const decisionSchema = z
  .object({ approval: approvalSchema, deployment: deploymentSchema, tally: tallySchema })
  .openapi('Decision')

export const chainVerdictSchema = z
  .union([
    z.object({ ok: z.literal(true), events: z.number().int(), head: z.string() }),
    z.object({ ok: z.literal(false), events: z.number().int(), brokenAt: z.number().int(), problem: z.string() }),
  ])
  .openapi('AuditVerdict')
