import { execFile } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parse } from 'yaml'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfigFile } from '../../src/config/load.ts'
import { actionlint } from '../../src/github/workflows/actionlint.ts'
import { generateWorkflows, type GeneratedWorkflow } from '../../src/github/workflows/generate.ts'
import { checkWorkflowSecurity } from '../../src/github/workflows/security-rules.ts'
import { WAKA_BIN } from '../helpers/workspace.ts'

const ROOT = resolve(import.meta.dirname, '../..')
const EXAMPLE = join(ROOT, 'examples/webwaka')

interface Step {
  uses?: string
  run?: string
  with?: Record<string, unknown>
}
interface Job {
  permissions?: Record<string, string>
  environment?: string
  concurrency?: { 'cancel-in-progress'?: boolean }
  steps?: Step[]
  uses?: string
}
interface Workflow {
  on: Record<string, unknown>
  permissions: Record<string, string>
  jobs: Record<string, Job>
}

const waka = (args: readonly string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((done) =>
    execFile(process.execPath, [WAKA_BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) =>
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    ),
  )

describe('generated CD workflows (examples/webwaka)', () => {
  const generated: { repository: string; workflow: GeneratedWorkflow }[] = []
  beforeAll(async () => {
    const { policy } = await loadConfigFile(join(EXAMPLE, 'waka.yml'))
    for (const repository of ['webwaka/web', 'webwaka/api'])
      for (const workflow of generateWorkflows(policy, { repository })) generated.push({ repository, workflow })
  })

  it('writes a release, a promote and a rollback workflow per repository', () => {
    expect(generated.map(({ repository, workflow }) => `${repository}/${workflow.file}`)).toEqual([
      'webwaka/web/waka-release.yml',
      'webwaka/web/waka-promote.yml',
      'webwaka/web/waka-rollback.yml',
      'webwaka/api/waka-release.yml',
      'webwaka/api/waka-promote.yml',
      'webwaka/api/waka-rollback.yml',
    ])
  })

  it('pins every action to a full commit SHA, with its tag in a comment', () => {
    for (const { workflow } of generated)
      for (const line of workflow.text.split('\n').filter((text) => /^\s+(- )?uses: /.test(text) && !text.includes('./.github')))
        expect(line).toMatch(/uses: [\w./-]+@[0-9a-f]{40} # v\d/)
  })

  it('grants nothing at the top and the least each job needs, never cancels a deploy, never uses pull_request_target', () => {
    for (const { workflow } of generated) {
      const parsed = parse(workflow.text) as Workflow
      expect(parsed.permissions).toEqual({})
      expect(Object.keys(parsed.on)).not.toContain('pull_request_target')
      for (const job of Object.values(parsed.jobs)) {
        expect(job.permissions).toBeDefined()
        for (const [scope, level] of Object.entries(job.permissions ?? {})) expect(`${scope}: ${level}`).toMatch(/^(contents: read|id-token: write)$/)
        if (job.concurrency) expect(job.concurrency['cancel-in-progress']).toBe(false)
        for (const step of job.steps ?? []) {
          if (step.run !== undefined) expect(step.run).not.toContain('${{')
          if (step.uses?.startsWith('actions/checkout@')) expect(step.with?.['persist-credentials']).toBe(false)
        }
      }
    }
  })

  it('builds once, after CI, and releases through the Waka action with the OIDC token only', () => {
    const release = parse(generated[0]!.workflow.text) as Workflow
    expect(release.on).toEqual({ push: { branches: ['main'] } })
    expect(release.jobs['ci']?.uses).toBe('./.github/workflows/ci.yml')
    const job = release.jobs['release-web']!
    expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' })
    expect(job.steps?.map((step) => step.run ?? step.uses?.split('@')[0])).toEqual(['actions/checkout', 'actions/setup-node', 'npm ci && npm run build', 'webwaka/waka'])
    expect(JSON.stringify(release)).not.toMatch(/secrets\.|GITHUB_TOKEN|token:/)
  })

  it("names the GitHub environment only where GitHub's own reviewers should apply (production)", () => {
    const promote = parse(generated[1]!.workflow.text) as Workflow
    expect(promote.jobs['promote-production']?.environment).toBe('production')
    const rollback = parse(generated[2]!.workflow.text) as Workflow
    expect(rollback.jobs['rollback']?.environment).toBeUndefined()
  })

  it('every generated file passes actionlint and the security rules', async () => {
    for (const { repository, workflow } of generated) {
      expect(checkWorkflowSecurity(workflow.text, `${repository}/${workflow.file}`)).toEqual([])
      expect(await actionlint(workflow.text, `${repository}/${workflow.file}`)).toEqual([])
    }
  })

  it('the committed example workflows are what waka.yml generates', async () => {
    for (const repository of ['web', 'api']) {
      const check = await waka(['github', 'workflows', '-c', join(EXAMPLE, 'waka.yml'), '--repository', `webwaka/${repository}`, '--out', join(EXAMPLE, repository, '.github/workflows'), '--check'])
      expect(check.stderr).toBe('')
      expect(check.code).toBe(0)
    }
  })

  it("this repository's own workflows follow the same rules", async () => {
    const dir = join(ROOT, '.github/workflows')
    for (const file of await readdir(dir)) {
      const text = await readFile(join(dir, file), 'utf8')
      expect(checkWorkflowSecurity(text, file)).toEqual([])
      expect(await actionlint(text, file)).toEqual([])
    }
  })
})

describe('waka validate --workflows on hand-edited files', () => {
  let dir: string
  let bad: { code: number; stdout: string }

  const BAD = `name: deploy
on: [pull_request_target]
permissions: write-all
jobs:
  deploy:
    runs-on: ubuntu-24.04
    concurrency: { group: deploy, cancel-in-progress: true }
    steps:
      - uses: actions/checkout@v5
      - run: echo "\${{ github.event.pull_request.title }}"
      - uses: someone/deploy-action@main
`

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'waka-workflows-'))
    await writeFile(join(dir, 'deploy.yml'), BAD)
    bad = await waka(['validate', '--workflows', dir])
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it.each([
    ['pinned-actions', 'actions/checkout@v5'],
    ['pinned-actions', 'someone/deploy-action@main'],
    ['persist-credentials', 'persist-credentials: false'],
    ['untrusted-expression', 'github.event.pull_request.title'],
    ['top-permissions', 'permissions: {}'],
    ['pull-request-target', 'pull_request_target'],
    ['job-permissions', 'job deploy'],
    ['concurrency', 'cancel-in-progress: true'],
  ])('reports %s (%s) with file:line:column', (rule, mention) => {
    expect(bad.code).toBe(3)
    const line = bad.stdout.split('\n').find((text) => text.includes(`[${rule}]`) && text.includes(mention))
    expect(line).toMatch(/deploy\.yml:\d+:\d+: /)
  })

  it('also reports what actionlint finds', async () => {
    await writeFile(join(dir, 'deploy.yml'), 'on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latst\n    permissions: {}\n    steps:\n      - run: "true"\n')
    const result = await waka(['validate', '--workflows', dir])
    expect(result.code).toBe(3)
    expect(result.stdout).toMatch(/deploy\.yml:5:\d+: \[actionlint:runner-label\]/)
  })
})
