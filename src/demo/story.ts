import type { Narrator } from './narrator.ts'
import { servedVersion } from './probe.ts'
import { buildSampleApp, type DemoPorts } from './sample-app.ts'

interface Story {
  readonly narrator: Narrator
  readonly workspace: string
  readonly ports: DemoPorts
}

const requestedId = (stderr: string): string => /requested #(\d+)/.exec(stderr)?.[1] ?? '0'

const release = async (story: Story, service: string, version: string, healthy = true) => {
  const artifact = await buildSampleApp(story.workspace, { service, version, healthy })
  const commit = Buffer.from(`${service}-${version}`).toString('hex').padEnd(40, '0').slice(0, 40)
  return story.narrator.waka([
    'release', 'create', service, version, '--artifact', artifact.slice(story.workspace.length + 1),
    '--branch', 'main', '--commit', commit, '--as', 'alice',
  ])
}

const serves = async (story: Story, service: 'web' | 'api', environment: 'staging' | 'production', version: string) => {
  const seen = await servedVersion(story.ports[service][environment])
  story.narrator.check(seen === version, `${service} in ${environment} serves ${version} (http://127.0.0.1:${story.ports[service][environment]} says ${seen})`)
}

/** Promotes to production and collects two approvals, after showing that self-approval is refused. */
const promoteWithApprovals = async (story: Story, service: 'web' | 'api', approvers: readonly [string, string], refuseSelf: boolean) => {
  const { narrator } = story
  const promoted = await narrator.waka(['promote', service, '--to', 'production', '--yes', '--as', 'alice', '--reason', 'release train'])
  narrator.check(promoted.code === 8 && /awaiting approval/.test(promoted.stdout), 'the promotion waits for approvals (exit 8, awaiting approval)')
  const id = requestedId(promoted.stderr)
  if (refuseSelf) {
    narrator.say('alice requested it, so her approval must not count:')
    const self = await narrator.waka(['approve', id, '--as', 'alice'])
    narrator.check(self.code === 4 && /requires approval by someone else/.test(self.stderr), 'approving your own deployment is refused (exit 4)')
  }
  const first = await narrator.waka(['approve', id, '--as', approvers[0], '--comment', 'checked the diff'])
  narrator.check(first.code === 8 && /approvals 1\/2/.test(first.stderr), 'one approval is not enough: 1/2')
  const second = await narrator.waka(['approve', id, '--as', approvers[1], '--comment', 'ok for production'])
  narrator.check(second.code === 0 && /succeeded/.test(second.stdout), 'the second approval releases it: it runs and succeeds')
}

/** The whole narrated run. Each claim is checked against the ledger or the live HTTP services. */
export const runStory = async (story: Story): Promise<void> => {
  const { narrator } = story

  narrator.chapter('CI registers v1 of web and api; staging deploys them automatically')
  narrator.say('A release is the artifact\'s sha256 digest; "v1" is only a label for it.')
  for (const service of ['web', 'api'] as const) {
    const created = await release(story, service, 'v1')
    narrator.check(created.code === 0, `${service} v1 registered and deployed to staging`)
    await serves(story, service, 'staging', 'v1')
  }

  narrator.chapter('Promote web v1 to production: the same bytes, behind two approvals')
  await promoteWithApprovals(story, 'web', ['bob', 'carol'], true)
  await serves(story, 'web', 'production', 'v1')
  narrator.say('api follows the same path:')
  await promoteWithApprovals(story, 'api', ['carol', 'dana'], false)
  await serves(story, 'api', 'production', 'v1')

  narrator.chapter('web v2 is broken: its health check fails in staging and Waka rolls back by itself')
  const broken = await release(story, 'web', 'v2', false)
  narrator.check(broken.code === 1 && /rollback/.test(broken.stdout), 'the v2 deployment failed and an automatic rollback ran')
  await serves(story, 'web', 'staging', 'v1')
  const status = await narrator.waka(['status', 'web', '--as', 'alice'])
  narrator.check(/auto-deploy paused/.test(status.stdout), 'auto-deploy into staging is paused until a person resumes it')
  const blocked = await narrator.waka(['deploy', 'web', 'staging', '--release', 'v2', '--as', 'alice'])
  narrator.check(blocked.code === 1 && /quarantined/.test(`${blocked.stdout}${blocked.stderr}`), 'v2 is quarantined: no path can deploy it again')

  narrator.chapter('A fixed v3 goes through staging into production')
  const resumed = await narrator.waka(['resume', 'web', 'staging', '--as', 'alice', '--reason', 'v3 fixes the health check'])
  narrator.check(resumed.code === 0, 'auto-deploy resumed')
  const fixed = await release(story, 'web', 'v3')
  narrator.check(fixed.code === 0, 'web v3 deployed to staging')
  await serves(story, 'web', 'staging', 'v3')
  await promoteWithApprovals(story, 'web', ['bob', 'dana'], false)
  await serves(story, 'web', 'production', 'v3')

  narrator.chapter('On-call takes production back to v1 with one command')
  const rollback = await narrator.waka(['rollback', 'web', 'production', '--yes', '--as', 'alice', '--reason', 'error rate up after v3'])
  narrator.check(rollback.code === 0, 'the rollback succeeded')
  await serves(story, 'web', 'production', 'v1')
  const took = /rollback of web v1 .*succeeded in (\S+)/.exec(rollback.stdout)?.[1] ?? '?'
  narrator.say(`the rollback itself took ${took} (switch, restart, health check); the whole command ${(rollback.ms / 1000).toFixed(1)} s`)

  narrator.chapter('What the ledger says')
  await narrator.waka(['status', '--as', 'alice'])
  await narrator.waka(['history', 'web', '--as', 'alice', '--limit', '12'])
  const audit = await narrator.waka(['audit', 'verify', '--as', 'alice'])
  narrator.check(audit.code === 0 && /intact/.test(audit.stdout), 'the audit log hash chain is intact')
}
