/**
 * `github.workflows` and `services.<s>.build`: what `waka github workflows` needs to write a
 * repository's CD workflows. The build command is the team's own (trusted like the workflow file
 * itself) but may not hold `${{ … }}` expressions, so nothing from an event can reach a shell.
 */
import { z } from 'zod'
import { expecting } from './expected.ts'
import { environmentName } from './fields.ts'
import { pathString } from '../settings/primitives.ts'

const noExpressions = (what: string) =>
  z
    .string()
    .min(1)
    .max(10_000)
    .refine((text) => !text.includes('${{'), { message: `expected ${what} without \${{ … }} expressions (values from events must never reach a shell)` })

export const buildSchema = z
  .strictObject({
    run: noExpressions('a shell command').describe('How CI builds the artifact, e.g. "npm ci && npm run build" (runs once, in the release workflow)'),
    artifact: pathString.describe('The file or directory the build produces, relative to the repository root'),
    node: z.string().regex(/^\d+(\.\d+){0,2}$/, { message: 'expected a Node.js version like 22' }).optional().describe('Set up this Node.js version first'),
  })
  .describe('How this service is built in its repository')

const sha = expecting(z.string().regex(/^[0-9a-f]{40}$/, { message: 'expected a full 40-character commit SHA' }), 'a full commit SHA')

export const workflowsSchema = z
  .strictObject({
    server: z.string().url().describe('The Waka server URL the workflows talk to'),
    action: z
      .strictObject({
        repository: z.string().regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, { message: 'expected owner/name' }).describe('Where the Waka action lives, e.g. webwaka/waka'),
        sha: sha.describe('The commit of the action to use: actions are pinned by SHA, never by tag'),
        tag: z.string().max(64).optional().describe('The tag that commit carries, written as a comment next to the pin'),
      })
      .describe('The Waka GitHub Action, pinned to a commit'),
    ci: z
      .string()
      .regex(/^[A-Za-z0-9._-]+\.ya?ml$/, { message: 'expected a workflow file name like ci.yml' })
      .optional()
      .describe('The CI workflow file under .github/workflows, called before every release (it must allow workflow_call); default ci.yml'),
    branch: z.string().min(1).max(255).optional().describe('The branch releases are built from (default main)'),
    runner: z.string().min(1).max(100).optional().describe('runs-on label (default ubuntu-24.04)'),
    githubEnvironments: z
      .array(environmentName)
      .optional()
      .describe('Environments whose jobs name a GitHub environment of the same name, so GitHub’s own required reviewers apply too'),
  })
  .describe('Generated GitHub workflows (waka github workflows)')

export type WrittenBuild = z.infer<typeof buildSchema>
export type WrittenWorkflows = z.infer<typeof workflowsSchema>

export const deploymentsMirrorSchema = z
  .strictObject({
    api: z.string().url().optional().describe('The GitHub API (default https://api.github.com; GitHub Enterprise: https://<host>/api/v3)'),
    tokenEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/, { message: 'expected an environment variable name like WAKA_GITHUB_TOKEN' })
      .optional()
      .describe('The environment variable holding a token with deployments:write on the repositories (default WAKA_GITHUB_TOKEN)'),
    dashboard: z.string().url().optional().describe('The dashboard URL, linked from each GitHub deployment (default github.workflows.server)'),
  })
  .describe("Mirror Waka's deployments to GitHub's Deployments API, so each repository's environment page shows the truth")

export type WrittenDeploymentsMirror = z.infer<typeof deploymentsMirrorSchema>
