import { z } from 'zod'
import type { Role } from '../core/access/roles.ts'
import { NAME_PATTERN } from '../core/names.ts'
import { expecting } from './expected.ts'
import { principal, serviceName } from './fields.ts'
import { personName } from '../settings/primitives.ts'

const principals = expecting(z.array(principal), 'a list of principals like [user:alice, group:release-managers]')

const roleGrantsSchema = z
  .strictObject({
    viewer: principals.optional().describe('May read status, history and logs'),
    deployer: principals
      .optional()
      .describe('May register releases, deploy, promote, roll back, cancel, hold and freeze'),
    approver: principals.optional().describe('May approve or reject pending deployments'),
    admin: principals.optional().describe('May do everything, including unfreeze and quarantine'),
  } satisfies Record<Role, z.ZodType>)
  .describe('Role → principals (user:<name> or group:<name>)')

export const scopeKey = expecting(
  z
    .string()
    .regex(new RegExp(`^\\*$|${NAME_PATTERN.source}`), { message: 'expected "*" or an environment name' })
    .describe('"*" for every environment, or an environment name'),
  '"*" or an environment name',
)

const groupMembers = expecting(z.array(personName).min(1), 'a list of user names like [alice, bob]')

/** `access:` — who may do what. Deny by default: nobody may do anything not granted here. */
export const accessSchema = z
  .strictObject({
    groups: z
      .record(serviceName, groupMembers)
      .optional()
      .describe('Named groups of user names, used as group:<name> in roles and approvals'),
    roles: z
      .record(scopeKey, roleGrantsSchema)
      .optional()
      .describe('Per environment (or "*" for all): which principals hold which role'),
  })
  .describe('Who may do what; anything not granted is denied')

export type WrittenAccess = z.infer<typeof accessSchema>
