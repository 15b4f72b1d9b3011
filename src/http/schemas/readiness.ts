import { z } from '@hono/zod-openapi'

export const rollbackReadinessSchema = z
  .object({
    service: z.string(),
    environment: z.string(),
    ready: z.boolean().openapi({ description: 'Every check passed; an unknown answer is not ready' }),
    release: z.object({ id: z.number().int(), version: z.string(), digest: z.string() }).nullable().openapi({ description: 'The release a rollback returns to' }),
    checks: z.array(
      z.object({
        check: z.enum(['previous', 'quarantine', 'targets', 'reachable']),
        verdict: z.enum(['pass', 'fail', 'unknown']),
        message: z.string(),
      }),
    ).readonly(),
    targets: z.array(z.object({ target: z.string(), state: z.enum(['verified', 'missing', 'damaged', 'unreachable']), message: z.string() })).readonly(),
  })
  .openapi('RollbackReadiness')
