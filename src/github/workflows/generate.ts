import { WakaError } from '../../core/errors.ts'
import type { ServicePolicy, WakaPolicy, WorkflowsPolicy } from '../../core/policy.ts'
import { PINNED } from './pins.ts'
import { renderWorkflow } from './render.ts'

export interface GeneratedWorkflow {
  readonly file: string
  readonly text: string
}

interface Context {
  readonly policy: WakaPolicy
  readonly workflows: WorkflowsPolicy
  readonly audience: string
  readonly services: readonly ServicePolicy[]
  readonly action: string
}

const checkout = { name: 'Check out the pushed commit', uses: PINNED.checkout.uses, with: { 'persist-credentials': false } }

const wakaStep = (context: Context, name: string, inputs: Record<string, string | number>) => ({
  name,
  uses: context.action,
  with: { 'server-url': context.workflows.server, audience: context.audience, ...inputs },
})

/** Push to the branch → the CI workflow (called, so the token's commit is the built one) → build once → release. */
const releaseWorkflow = (context: Context) => {
  const { workflows } = context
  const jobs: Record<string, unknown> = {
    ci: { name: 'CI', uses: `./.github/workflows/${workflows.ci}`, permissions: { contents: 'read' } },
  }
  for (const service of context.services) {
    const build = service.build
    if (!build) continue
    jobs[`release-${service.name}`] = {
      name: `Build ${service.name} once and release it`,
      needs: ['ci'],
      'runs-on': workflows.runner,
      'timeout-minutes': 60,
      permissions: { contents: 'read', 'id-token': 'write' },
      concurrency: { group: `waka-release-${service.name}`, 'cancel-in-progress': false },
      steps: [
        checkout,
        ...(build.node === null ? [] : [{ name: 'Set up Node.js', uses: PINNED.setupNode.uses, with: { 'node-version': build.node } }]),
        { name: 'Build once', run: build.run },
        wakaStep(context, 'Register the release with Waka (auto-deploys follow)', { command: 'release', service: service.name, version: '${{ github.sha }}', artifact: build.artifact }),
      ],
    }
  }
  return { name: 'waka release', on: { push: { branches: [workflows.branch] } }, permissions: {}, jobs }
}

const choice = (description: string, options: readonly string[]) => ({ description, type: 'choice', required: true, options: [...options] })

/** workflow_dispatch → Waka's gates decide; one job per target so GitHub-gated environments can name theirs. */
const promoteWorkflow = (context: Context) => {
  const targets = Object.values(context.policy.environments).filter((environment) => environment.promoteFrom !== null)
  const jobs: Record<string, unknown> = {}
  for (const target of targets) {
    const gated = context.workflows.githubEnvironments.includes(target.name)
    jobs[`promote-${target.name}`] = {
      name: `Promote to ${target.name}`,
      if: `inputs.to == '${target.name}'`,
      'runs-on': context.workflows.runner,
      ...(gated ? { environment: target.name } : {}),
      'timeout-minutes': 360,
      permissions: { 'id-token': 'write' },
      concurrency: { group: `waka-\${{ inputs.service }}-${target.name}`, 'cancel-in-progress': false },
      steps: [
        wakaStep(context, `Request the promotion to ${target.name} and wait for its gates`, {
          command: 'promote',
          service: '${{ inputs.service }}',
          environment: target.name,
          release: '${{ inputs.release }}',
          'timeout-minutes': '${{ inputs.timeout }}',
        }),
      ],
    }
  }
  return {
    name: 'waka promote',
    on: {
      workflow_dispatch: {
        inputs: {
          service: choice('Service to promote', context.services.map((service) => service.name)),
          to: choice('Environment to promote into', targets.map((target) => target.name)),
          release: { description: 'Release (version or digest); empty for the one live upstream', type: 'string', required: false },
          timeout: { description: 'Minutes to wait for approvals and the deployment', type: 'number', required: false, default: 240 },
        },
      },
    },
    permissions: {},
    jobs,
  }
}

const rollbackWorkflow = (context: Context) => ({
  name: 'waka rollback',
  on: {
    workflow_dispatch: {
      inputs: {
        service: choice('Service to roll back', context.services.map((service) => service.name)),
        environment: choice('Environment', Object.keys(context.policy.environments)),
        release: { description: 'Release to return to; empty for the previous verified one', type: 'string', required: false },
      },
    },
  },
  permissions: {},
  jobs: {
    rollback: {
      name: 'Roll back',
      'runs-on': context.workflows.runner,
      'timeout-minutes': 30,
      permissions: { 'id-token': 'write' },
      concurrency: { group: 'waka-${{ inputs.service }}-${{ inputs.environment }}', 'cancel-in-progress': false },
      steps: [
        wakaStep(context, 'Roll back through Waka', {
          command: 'rollback',
          service: '${{ inputs.service }}',
          environment: '${{ inputs.environment }}',
          release: '${{ inputs.release }}',
        }),
      ],
    },
  },
})

/** The services of one repository (a repository may hold several, as a monorepo does). */
const servicesOf = (policy: WakaPolicy, repository: string | null): ServicePolicy[] => {
  const repositories = [...new Set(Object.values(policy.services).flatMap((service) => (service.repository ? [service.repository.name] : [])))]
  const chosen = repository ?? (repositories.length === 1 ? repositories[0] : undefined)
  if (chosen === undefined)
    throw new WakaError('INVALID_ARGUMENT', `waka.yml names ${repositories.length} repositories (${repositories.join(', ') || 'none'}); say which with --repository`, {
      hint: 'waka github workflows --repository owner/name',
    })
  const services = Object.values(policy.services).filter((service) => service.repository?.name.toLowerCase() === chosen.toLowerCase())
  if (services.length === 0) throw new WakaError('NOT_FOUND', `no service in waka.yml has repository ${chosen}`)
  return services
}

/** The three workflows of one repository: release, promote and rollback. */
export const generateWorkflows = (policy: WakaPolicy, options: { repository: string | null }): GeneratedWorkflow[] => {
  const github = policy.github
  if (!github?.workflows)
    throw new WakaError('INVALID_CONFIG', 'waka.yml has no github.workflows section (server, pinned action)', { hint: 'see docs/github.md' })
  const { workflows } = github
  const services = servicesOf(policy, options.repository)
  const missing = services.filter((service) => service.build === null).map((service) => service.name)
  if (missing.length) throw new WakaError('INVALID_CONFIG', `services.${missing.join(', services.')}: expected a build section (run, artifact) to generate the release workflow`)
  const context: Context = { policy, workflows, audience: github.oidc.audience, services, action: `${workflows.action.repository}@${workflows.action.sha}` }
  const tags = new Map<string, string>([
    [PINNED.checkout.uses, PINNED.checkout.tag],
    [PINNED.setupNode.uses, PINNED.setupNode.tag],
    ...(workflows.action.tag ? [[context.action, workflows.action.tag] as [string, string]] : []),
  ])
  return [
    { file: 'waka-release.yml', text: renderWorkflow(releaseWorkflow(context), tags) },
    { file: 'waka-promote.yml', text: renderWorkflow(promoteWorkflow(context), tags) },
    { file: 'waka-rollback.yml', text: renderWorkflow(rollbackWorkflow(context), tags) },
  ]
}
