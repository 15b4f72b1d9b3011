/** Response schema of the DORA metrics (core/metrics/dora.ts). */
import { z } from '@hono/zod-openapi'
import { FAILURE_REASONS } from '../../core/metrics/classify.ts'

const time = z.string().openapi({ format: 'date-time', example: '2026-03-02T00:00:00.000Z' })
const rate = z.number().min(0).max(1).nullable()
const durationStat = { count: z.number().int(), medianMs: z.number().nullable() }

const figures = {
  deployments: z.number().int().openapi({ description: 'Deployment frequency: change deployments (deploy, promotion) that succeeded' }),
  changes: z.number().int().openapi({ description: 'Change deployments that finished succeeded, failed or interrupted' }),
  failures: z.number().int().openapi({ description: 'Change deployments that failed, were interrupted, rolled back or quarantined' }),
  changeFailureRate: rate.openapi({ description: 'failures / changes' }),
  leadTime: z.object({ ...durationStat, withoutCommitTime: z.number().int() }).openapi({ description: "Commit → the release's first success in the environment" }),
  recovery: z.object({ ...durationStat, unrecovered: z.number().int() }).openapi({ description: 'The failed deployment’s end → the next successful deployment of that service there' }),
  rework: z.object({ deployments: z.number().int(), rework: z.number().int(), rate }).openapi({ description: 'Rollbacks and changes made while a failure was open, over all finished deployments' }),
}

export const doraReportSchema = z
  .object({
    since: time,
    until: time,
    environments: z.array(z.string()).readonly(),
    service: z.string().nullable(),
    totals: z.object({ ...figures, deploymentsPerWeek: z.number() }),
    weeks: z.array(z.object({ week: z.string().openapi({ example: '2026-W10' }), start: time, ...figures })).readonly(),
    failures: z
      .array(
        z.object({
          deploymentId: z.number().int(),
          service: z.string(),
          environment: z.string(),
          reason: z.enum(FAILURE_REASONS),
          finishedAt: time,
          recoveredBy: z.number().int().nullable(),
          recoveryMs: z.number().nullable(),
        }),
      )
      .readonly(),
  })
  .openapi('DoraReport')
