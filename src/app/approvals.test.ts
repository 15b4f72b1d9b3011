import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, PIPELINE_YAML, succeed, type TestApp } from '../../test/helpers/app-context.ts'
import { decide } from './decide.ts'
import { promote } from './deploy.ts'

describe('approvals (use case, real SQLite ledger)', () => {
  let app: TestApp
  beforeEach(async () => {
    app = await createTestApp(PIPELINE_YAML)
  })
  afterEach(() => app.close())

  const requestPromotion = async () => {
    const release = await app.release('web', 'v1')
    const [staging] = await app.context.store.listDeployments({ service: 'web', environment: 'staging' })
    await succeed(app.context, staging!)
    const requested = await promote(app.context, { actor: 'alice', service: 'web', to: 'production', from: null, release: null, reason: null })
    return { release, deployment: requested.deployment }
  }

  it('waits for two approvals, then queues the promotion', async () => {
    const { deployment } = await requestPromotion()
    expect(deployment.status).toBe('awaiting_approval')
    const first = await decide(app.context, { actor: 'bob', deploymentId: deployment.id, decision: 'approve', comment: '' })
    expect(first.deployment.status).toBe('awaiting_approval')
    expect(first.tally.approvedBy).toEqual(['bob'])
    const second = await decide(app.context, { actor: 'carol', deploymentId: deployment.id, decision: 'approve', comment: 'ok' })
    expect(second.deployment.status).toBe('queued')
  })

  it('refuses the requester approving their own promotion, with the reason', async () => {
    const { deployment } = await requestPromotion()
    await expect(decide(app.context, { actor: 'alice', deploymentId: deployment.id, decision: 'approve', comment: '' })).rejects.toMatchObject({
      code: 'SELF_APPROVAL_FORBIDDEN',
      message: expect.stringContaining('requires approval by someone else') as string,
    })
  })

  it('refuses people without the approver role, and people outside the approvers', async () => {
    const { deployment } = await requestPromotion()
    await expect(decide(app.context, { actor: 'mallory', deploymentId: deployment.id, decision: 'approve', comment: '' })).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })

  it('refuses a second decision by the same person', async () => {
    const { deployment } = await requestPromotion()
    await decide(app.context, { actor: 'bob', deploymentId: deployment.id, decision: 'approve', comment: '' })
    await expect(decide(app.context, { actor: 'bob', deploymentId: deployment.id, decision: 'approve', comment: '' })).rejects.toMatchObject({ code: 'CONFLICT' })
  })

  it('a rejection needs a comment and ends the deployment', async () => {
    const { deployment } = await requestPromotion()
    await expect(decide(app.context, { actor: 'bob', deploymentId: deployment.id, decision: 'reject', comment: ' ' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
    const rejected = await decide(app.context, { actor: 'bob', deploymentId: deployment.id, decision: 'reject', comment: 'wrong build' })
    expect(rejected.deployment.status).toBe('rejected')
    expect(rejected.deployment.statusReason).toBe('rejected by bob: wrong build')
  })

  it('records the approval bound to the release digest, environment and policy', async () => {
    const { deployment, release } = await requestPromotion()
    const { approval } = await decide(app.context, { actor: 'bob', deploymentId: deployment.id, decision: 'approve', comment: '' })
    expect(approval).toMatchObject({ releaseDigest: release.digest, environment: 'production', policyHash: deployment.policyHash })
  })

  it('voids approvals given under a policy that changed (more approvers required now)', async () => {
    const { deployment } = await requestPromotion()
    await decide(app.context, { actor: 'bob', deploymentId: deployment.id, decision: 'approve', comment: '' })
    const stricter = app.withConfig(PIPELINE_YAML.replace('required: 2', 'required: 3'))
    const after = await decide(stricter, { actor: 'carol', deploymentId: deployment.id, decision: 'approve', comment: '' })
    expect(after.tally.approvedBy).toEqual(['carol'])
    expect(after.tally.ignored).toEqual([{ actor: 'bob', why: 'given under an approval policy that has since changed' }])
    expect(after.deployment.status).toBe('awaiting_approval')
  })

  it('lets approvals expire', async () => {
    const { deployment } = await requestPromotion()
    await decide(app.context, { actor: 'bob', deploymentId: deployment.id, decision: 'approve', comment: '' })
    app.clock.advance(3_600_001)
    const after = await decide(app.context, { actor: 'carol', deploymentId: deployment.id, decision: 'approve', comment: '' })
    expect(after.tally.approvedBy).toEqual(['carol'])
    expect(after.deployment.status).toBe('awaiting_approval')
  })

  it('takes no approvals once the deployment no longer waits', async () => {
    const { deployment } = await requestPromotion()
    await decide(app.context, { actor: 'bob', deploymentId: deployment.id, decision: 'approve', comment: '' })
    await decide(app.context, { actor: 'carol', deploymentId: deployment.id, decision: 'approve', comment: '' })
    await expect(decide(app.context, { actor: 'dana', deploymentId: deployment.id, decision: 'approve', comment: '' })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' })
  })
})
