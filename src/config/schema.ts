/**
 * The written `waka.yml` schema: the single source of the TypeScript types, the validation and the
 * published JSON Schema (`npm run schema`). Every object is strict, so an unknown key is an error.
 */
import { z } from 'zod'
import { accessSchema } from './access-schema.ts'
import { serviceDriverSchema } from './driver-schema.ts'
import { environmentSchema } from './environment-schema.ts'
import { environmentName, secretNames, serviceName, variables } from './fields.ts'
import { healthSchema } from './health-schema.ts'
import { notificationsSchema } from './notifications-schema.ts'
import { githubSchema, repositorySchema } from './repository-schema.ts'
import { buildSchema } from './workflows-schema.ts'

const serviceEnvironmentSchema = z
  .strictObject({
    driver: serviceDriverSchema.optional(),
    variables: variables.optional().describe('Variables for this service in this environment (merged last)'),
    secrets: secretNames.optional().describe('Secret names for this service in this environment (added to the others)'),
    health: healthSchema.optional(),
  })
  .describe('Settings for this service in one environment, merged over the environment and service settings')

const serviceSchema = z
  .strictObject({
    repository: repositorySchema.optional(),
    build: buildSchema.optional(),
    health: healthSchema.optional(),
    driver: serviceDriverSchema.optional(),
    variables: variables.optional().describe('Variables for this service in every environment'),
    secrets: secretNames.optional().describe('Secret names this service receives in every environment'),
    environments: z
      .record(environmentName, serviceEnvironmentSchema)
      .optional()
      .describe('Per-environment settings for this service'),
  })
  .describe('A deployable unit, usually one repository')

const atLeastOne = (what: string) =>
  [(value: Record<string, unknown>) => Object.keys(value).length > 0, { message: `expected at least one ${what}` }] as const

/** The whole file as written. */
export const writtenConfigSchema = z
  .strictObject({
    version: z.literal(1).describe('Version of this file format; always 1'),
    services: z
      .record(serviceName, serviceSchema)
      .refine(...atLeastOne('service'))
      .describe('The services Waka deploys, by name')
      .meta({ minProperties: 1 }),
    environments: z
      .record(environmentName, environmentSchema)
      .refine(...atLeastOne('environment'))
      .describe('The environments every service runs in, by name, in pipeline order')
      .meta({ minProperties: 1 }),
    access: accessSchema.optional(),
    github: githubSchema.optional(),
    notifications: notificationsSchema.optional(),
  })
  .meta({ title: 'waka.yml', description: 'Configuration of Waka, the self-hosted continuous-deployment controller' })

/** `waka.yml` after validation, before normalization (durations are still text, defaults unfilled). */
export type WrittenConfig = z.infer<typeof writtenConfigSchema>
export type WrittenService = z.infer<typeof serviceSchema>
export type WrittenServiceEnvironment = z.infer<typeof serviceEnvironmentSchema>
