import { z } from 'zod'
import { EXECUTORS, QUEUE_MODES } from '../core/policy.ts'
import { environmentDriverSchema } from './driver-schema.ts'
import { expecting } from './expected.ts'
import {
  branchPattern,
  clockTime,
  environmentName,
  positiveDuration,
  principal,
  secretNames,
  timeZone,
  variables,
  weekdays,
} from './fields.ts'
import { healthSchema } from './health-schema.ts'
import { durationString } from '../settings/primitives.ts'

const branchList = expecting(z.array(branchPattern).min(1), 'a list of branch names like [main, "release/*"]')

const autoDeploySchema = z
  .strictObject({
    branch: branchPattern.optional().describe('Deploy every release built from this branch'),
    branches: branchList.optional().describe('Deploy every release built from one of these branches'),
  })
  .superRefine((value, ctx) => {
    if ((value.branch === undefined) === (value.branches === undefined))
      ctx.addIssue({ code: 'custom', message: 'expected exactly one of "branch" or "branches"', input: value })
  })
  .describe('Deploy new releases here automatically: { branch: main } or { branches: [main, "release/*"] }')

const approvalsSchema = z
  .strictObject({
    required: z.number().int().min(1).describe('How many distinct people must approve'),
    from: expecting(z.array(principal).min(1), 'a list of principals like [group:release-managers, user:dana]').describe(
      'Who may approve: user:<name> or group:<name>',
    ),
    allowSelfApproval: z
      .boolean()
      .optional()
      .describe('Whether the person who requested the deployment may approve it (default false)'),
    expireAfter: positiveDuration.optional().describe('Approvals older than this no longer count (default: never)'),
  })
  .describe('Approvals a deployment needs before it runs here')

const windowSchema = z
  .strictObject({
    days: weekdays.describe('Days the window opens: "mon-fri", "mon,wed,fri" or [mon, tue]'),
    from: clockTime.describe('Opening time, "HH:MM"'),
    to: clockTime.describe('Closing time, "HH:MM"; at or before `from` means the window runs past midnight'),
    timezone: timeZone.describe('IANA time zone of from/to, e.g. Africa/Lagos'),
  })
  .describe('A weekly deploy window')

const gatesSchema = z
  .strictObject({
    approvals: approvalsSchema.optional(),
    soak: durationString
      .optional()
      .describe('How long the release must have been live and verified in the promoteFrom environment'),
    windows: z.array(windowSchema).optional().describe('Deployments run only inside one of these windows (default: any time)'),
    branches: branchList.optional().describe('The release must be built from one of these branches (default: any)'),
    rollbackReady: z
      .boolean()
      .optional()
      .describe(
        'Refuse a deployment whose rollback would not work: the release live now must be verified, not quarantined, and still intact on every target (default false)',
      ),
  })
  .describe('Rules that must hold before a deployment may run here')

const rollbackSchema = z
  .strictObject({
    auto: z.boolean().optional().describe('Roll back automatically when a deployment fails (default false)'),
    keepReleases: z.number().int().min(1).max(1000).optional().describe('Releases kept on each target (default 5)'),
    quarantineFailed: z
      .boolean()
      .optional()
      .describe('Quarantine a release that failed its health check so nothing re-deploys it (default true)'),
  })
  .describe('What happens when a deployment fails, and how many releases stay on the targets')

/** One environment as written in `environments:`. */
export const environmentSchema = z
  .strictObject({
    promoteFrom: environmentName.optional().describe('Take releases that are verified in this environment'),
    autoDeploy: autoDeploySchema.optional(),
    queue: z
      .enum(QUEUE_MODES)
      .optional()
      .describe('fifo: every request runs in order (default); latest: a new request supersedes waiting ones'),
    confirm: z
      .boolean()
      .optional()
      .describe('Ask for confirmation before acting here from a terminal (default: true when approvals are required)'),
    gates: gatesSchema.optional(),
    driver: environmentDriverSchema,
    variables: variables.optional().describe('Environment variables for every service here'),
    secrets: secretNames.optional().describe('Names of secrets every service here receives (values come from the executor)'),
    health: healthSchema.optional(),
    rollback: rollbackSchema.optional(),
    executor: z
      .enum(EXECUTORS)
      .optional()
      .describe(
        'Who runs deployments here: server (the Waka engine, default) or runner (a CI runner claims each one with `waka execute`, for targets only reachable from there; the server still decides gates, approvals and the lock)',
      ),
  })
  .describe('A place services run in; environments form a pipeline through promoteFrom')

export type WrittenEnvironment = z.infer<typeof environmentSchema>
