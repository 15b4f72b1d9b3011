import { z } from 'zod'
import { expecting } from './expected.ts'
import { positiveDuration } from './fields.ts'
import { portNumber } from '../settings/primitives.ts'

// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL = /[\u0000-\u001f\u007f]/

const expectSchema = z
  .strictObject({
    status: z.number().int().min(100).max(599).optional().describe('HTTP status a healthy response has (default 200)'),
    body: z.string().max(4096).optional().describe('Text the response body must contain (default: anything)'),
    version: z
      .boolean()
      .optional()
      .describe('The response must report the release version: a JSON "version" field, or the body text (default false)'),
  })
  .describe('What a healthy response looks like')

/** The HTTP probe; every key is optional so that each layer can set only what it changes. */
export const httpCheckSchema = z
  .strictObject({
    url: expecting(
      z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL like http://127.0.0.1:8080/healthz' }),
      'an http:// or https:// URL',
    )
      .optional()
      .describe('Full URL to probe; without it the URL is built from each target address, port and path'),
    path: expecting(
      z
        .string()
        .max(2048)
        .regex(/^\/\S*$/, { message: 'expected a URL path starting with "/", like /healthz' })
        .refine((path) => !CONTROL.test(path), { message: 'expected a URL path without control characters' }),
      'a URL path starting with "/"',
    )
      .optional()
      .describe('Path probed on each target (default /)'),
    port: portNumber.optional().describe("Port probed on each target (default: the driver's port)"),
    expect: expectSchema.optional(),
    successes: z.number().int().min(1).max(100).optional().describe('Consecutive good probes needed to pass (default 1)'),
    failures: z.number().int().min(1).max(100).optional().describe('Consecutive bad probes that fail the check early (default 3)'),
    interval: positiveDuration.optional().describe('Time between probes (default 1s)'),
    timeout: positiveDuration.optional().describe('Deadline for the whole check (default 30s)'),
    requestTimeout: positiveDuration.optional().describe('Deadline for one probe (default 2s)'),
  })
  .describe('Probe an HTTP endpoint on every target after activation')

/** A health check layer: service default, environment override or service-in-environment override. */
export const healthSchema = z
  .strictObject({ http: httpCheckSchema })
  .describe('Health check run after activation; it decides success or automatic rollback')

export type WrittenHealth = z.infer<typeof healthSchema>
export type WrittenHttpCheck = z.infer<typeof httpCheckSchema>
