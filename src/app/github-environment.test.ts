import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, PIPELINE_YAML, type TestApp } from '../../test/helpers/app-context.ts'
import type { Identity } from '../core/identity.ts'
import { recordGithubEnvironmentGate } from './github-environment.ts'

const run = (environment: string | null): Identity => ({
  name: 'github:acme/web',
  grants: [],
  credential: {
    kind: 'github',
    repositoryId: 42,
    repository: 'acme/web',
    sha: 'a'.repeat(40),
    ref: 'refs/heads/main',
    workflowRef: 'acme/web/.github/workflows/waka-promote.yml@refs/heads/main',
    environment,
    eventName: 'workflow_dispatch',
    runId: '9001',
  },
})

describe('recording that GitHub environment protection passed', () => {
  let app: TestApp
  beforeEach(async () => {
    app = await createTestApp(PIPELINE_YAML)
  })
  afterEach(() => app.close())

  it('records it when the run passed the GitHub environment of the same name', async () => {
    await app.release('web', 'v1')
    const [deployment] = await app.context.store.listDeployments({ environment: 'staging' })
    expect(await recordGithubEnvironmentGate(app.context, run('staging'), deployment!)).toBe(true)
    const events = await app.context.store.listAudit(0, 100)
    expect(events.at(-1)).toMatchObject({ action: 'approval.github-environment', deploymentId: deployment!.id, data: { runId: '9001', repository: 'acme/web' } })
  })

  it('records nothing for a run of another GitHub environment, of none, or for a person', async () => {
    await app.release('web', 'v1')
    const [deployment] = await app.context.store.listDeployments({ environment: 'staging' })
    const before = (await app.context.store.listAudit(0, 100)).length
    expect(await recordGithubEnvironmentGate(app.context, run('production'), deployment!)).toBe(false)
    expect(await recordGithubEnvironmentGate(app.context, run(null), deployment!)).toBe(false)
    expect(await recordGithubEnvironmentGate(app.context, { name: 'alice', grants: [], credential: { kind: 'local' } }, deployment!)).toBe(false)
    expect((await app.context.store.listAudit(0, 100)).length).toBe(before)
  })
})
