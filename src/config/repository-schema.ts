/**
 * `services.<s>.repository` and the top-level `github` section: which GitHub Actions runs may
 * authenticate with their OIDC token, and what they may do then.
 */
import { z } from 'zod'
import { deploymentsMirrorSchema, workflowsSchema } from './workflows-schema.ts'
import { ROLES } from '../core/access/roles.ts'
import { parseDuration } from '../core/duration.ts'
import { scopeKey } from './access-schema.ts'
import { expecting } from './expected.ts'
import { durationString } from '../settings/primitives.ts'
import { positiveDuration } from './fields.ts'

// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL = /[\u0000-\u001f\u007f]/

const OWNER = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})'

const workflowPattern = expecting(
  z
    .string()
    .max(1024)
    .regex(new RegExp(`^${OWNER}/(?:[A-Za-z0-9._-]{1,100}/[^\\s*@]+@[^\\s*]+|[^\\s*]*\\*)$`), {
      message: 'expected a job_workflow_ref like acme/web/.github/workflows/release.yml@refs/heads/main, or a prefix ending in *',
    })
    .describe('A job_workflow_ref (owner/repo/path@ref); a trailing * matches any value with that prefix'),
  'a job_workflow_ref like acme/web/.github/workflows/release.yml@refs/heads/main',
)

const refPattern = expecting(
  z
    .string()
    .max(1024)
    .regex(/^refs\/(?:[^\s*]+\*?|\*)$/, { message: 'expected a full git ref like refs/heads/main or refs/tags/v*' })
    .describe('A full git ref like refs/heads/main; a trailing * matches any ref with that prefix'),
  'a full git ref like refs/heads/main or refs/tags/v*',
)

const githubEnvironment = expecting(
  z
    .string()
    .min(1)
    .max(255)
    .refine((name) => !CONTROL.test(name), { message: 'expected a GitHub environment name without control characters' })
    .describe('A GitHub Actions environment name'),
  'a GitHub environment name',
)

const eventName = expecting(
  z
    .string()
    .regex(/^[a-z_]{1,64}$/, { message: 'expected a GitHub event name like push or workflow_dispatch' })
    .describe('A GitHub Actions event name'),
  'a GitHub event name like push',
)

const list = <T extends z.ZodType>(item: T, expected: string) => expecting(z.array(item).min(1), expected)

export const repositorySchema = z
  .strictObject({
    name: expecting(
      z
        .string()
        .regex(new RegExp(`^${OWNER}/[A-Za-z0-9._-]{1,100}$`), { message: 'expected a GitHub repository as owner/name, like acme/web' })
        .describe('owner/name on GitHub, e.g. acme/web'),
      'a GitHub repository as owner/name',
    ),
    id: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('Numeric GitHub repository id; OIDC tokens are matched by it, so a renamed repository keeps working'),
    workflows: list(workflowPattern, 'a list of job_workflow_ref values').optional().describe(
      'The workflows whose runs may authenticate (job_workflow_ref); any workflow when absent',
    ),
    refs: list(refPattern, 'a list of git refs like [refs/heads/main]').optional().describe(
      'The git refs runs may come from (the ref claim); any ref when absent',
    ),
    environments: list(githubEnvironment, 'a list of GitHub environment names').optional().describe(
      'The GitHub environments runs must be in (the environment claim); any, or none, when absent',
    ),
    events: list(eventName, 'a list of event names like [push, workflow_dispatch]').optional().describe(
      'The events runs may be triggered by; default [push, workflow_dispatch]',
    ),
    roles: z
      .record(scopeKey, z.enum(ROLES))
      .optional()
      .describe('What runs of this repository may do: environment name (or "*") → viewer, deployer, approver or admin'),
  })
  .describe('The GitHub repository of this service; its Actions runs authenticate with OIDC, matched by id')

const atMost =
  (limitMs: number) =>
  (text: string): boolean =>
    (parseDuration(text) ?? Infinity) <= limitMs

const url = (what: string) =>
  expecting(
    z
      .string()
      .max(2048)
      .refine(
        (text) => {
          if (!URL.canParse(text)) return false
          const parsed = new URL(text)
          return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname))
        },
        { message: `expected ${what} as an https:// URL (http:// only for localhost)` },
      ),
    `${what} as an https:// URL`,
  )

/** Audiences other relying parties accept: a token minted for them must not open Waka too. */
const SHARED_AUDIENCE = /^(?:https?:\/\/github\.com(?:[/?#]|$)|sts\.amazonaws\.com$|api:\/\/AzureADTokenExchange$)/i

const audience = expecting(
  z
    .string()
    .min(1)
    .max(255)
    .regex(/^\S+$/, { message: 'expected an audience without spaces, like https://waka.example.com' })
    .refine((text) => !SHARED_AUDIENCE.test(text), {
      message:
        "expected an audience of Waka's own, like https://waka.example.com: GitHub's default https://github.com/<owner> (and the AWS or Azure audiences) are what tokens for other services carry",
    })
    .describe('The aud claim Waka requires; the workflow asks for a token with this audience'),
  'an audience of your own, like https://waka.example.com',
)

const oidcSchema = z
  .strictObject({
    audience,
    issuer: url('the issuer').optional().describe('Default https://token.actions.githubusercontent.com'),
    jwksUrl: url('the key set URL').optional().describe('Default <issuer>/.well-known/jwks'),
    maxTokenAge: positiveDuration
      .refine(atMost(3_600_000), { message: 'expected a duration of at most 1h' })
      .optional()
      .describe('Refuse tokens issued longer ago than this; default 10m, at most 1h'),
    clockTolerance: durationString
      .refine(atMost(60_000), { message: 'expected a duration of at most 60s' })
      .optional()
      .describe('Allowed clock difference for exp, nbf and iat; default 30s, at most 60s'),
  })
  .describe('GitHub Actions OIDC: runs of the repositories under services.<s>.repository authenticate with their ID token')

export const githubSchema = z
  .strictObject({ oidc: oidcSchema, workflows: workflowsSchema.optional(), deployments: deploymentsMirrorSchema.optional() })
  .describe('GitHub integration')

export type WrittenRepository = z.infer<typeof repositorySchema>
export type WrittenGithub = z.infer<typeof githubSchema>
