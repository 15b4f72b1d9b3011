/**
 * `prepare` across hosts. First every host is reached and asked what it holds (read-only, so an
 * unreachable host or a stale epoch fails the step with nothing changed anywhere). Then the hosts
 * that lack the release receive it: hosts with the same live release share one stream, which
 * hard-links what they hold and carries only the rest, and each host verifies the result.
 */
import { randomBytes } from 'node:crypto'
import type { ArtifactEntry, StepContext } from '../driver.ts'
import { settleLimit } from '../parallel.ts'
import { checkedEntries } from '../releases/materialize.ts'
import { RELEASE_MARKER } from '../releases/prepared-release.ts'
import { combineFailures, type Fleet } from './fleet.ts'
import { readState } from './host-steps.ts'
import type { HostState } from './host-state.ts'
import { sendToHosts } from './send-upload.ts'
import type { SshHost } from './ssh-hosts.ts'
import { parseBaseManifest, planUpload, type BaseRelease } from './upload-plan.ts'

/** Names inside a release directory that belong to Waka. */
export const RESERVED_NAMES = [RELEASE_MARKER, '.waka']

const size = (bytes: number): string => (bytes < 1e3 ? `${bytes} B` : bytes < 1e6 ? `${(bytes / 1e3).toFixed(1)} kB` : `${(bytes / 1e6).toFixed(1)} MB`)
const files = (count: number): string => `${count} ${count === 1 ? 'file' : 'files'}`

const baseOf = (state: HostState): BaseRelease | null => {
  if (state.base === null) return null
  const entries = parseBaseManifest(state.base.manifest)
  return entries.length === 0 ? null : { dirName: state.base.dirName, entries }
}

export const prepareHosts = async (fleet: Fleet, context: StepContext): Promise<void> => {
  const { release, log, signal } = context
  const options = { signal, timeoutMs: fleet.timeoutMs }
  const hosts = fleet.hosts
  const probed = await settleLimit(hosts, fleet.parallel, (host) => fleet.use(host, signal, (client) => readState({ client, host, options }, context.epoch, release.dirName)))
  const unreached = combineFailures('prepare', hosts, probed)
  if (unreached) throw unreached
  const states = probed.map((outcome) => (outcome.status === 'done' ? outcome.value : null)) as HostState[]
  const missing = hosts.filter((_, index) => !states[index]?.releases.some((held) => held.dirName === release.dirName && held.marker?.digest === release.digest))
  if (missing.length === 0) {
    log.info(`${release.dirName} is already on ${hosts.length}/${hosts.length} hosts: nothing to upload, activating it is a symlink flip`, 'ssh')
    return
  }
  if (missing.length < hosts.length) log.info(`${release.dirName} is already on ${hosts.length - missing.length}/${hosts.length} hosts`, 'ssh')
  const entries = await checkedEntries(context.artifact, RESERVED_NAMES)
  const groups = new Map<string, { base: BaseRelease | null; hosts: SshHost[] }>()
  for (const host of missing) {
    const base = baseOf(states[hosts.indexOf(host)] as HostState)
    const key = base?.dirName ?? ''
    const group = groups.get(key) ?? { base, hosts: [] }
    group.hosts.push(host)
    groups.set(key, group)
  }
  const retry: SshHost[] = []
  for (const group of groups.values())
    for (let start = 0; start < group.hosts.length; start += fleet.parallel) {
      const batch = group.hosts.slice(start, start + fleet.parallel)
      const failed = await uploadBatch(fleet, context, { entries, base: group.base, hosts: batch })
      retry.push(...failed)
    }
  // A host whose live release was changed in place fails verification of the linked files: send it everything.
  for (let start = 0; start < retry.length; start += fleet.parallel) {
    const batch = retry.slice(start, start + fleet.parallel)
    for (const host of batch) log.warn(`${host.id}: the files linked from its live release did not verify; uploading ${release.dirName} in full`, 'ssh')
    await uploadBatch(fleet, context, { entries, base: null, hosts: batch })
  }
}

/** Uploads to `hosts` in one stream; returns the hosts to retry without a base. Throws for any other failure. */
interface Batch {
  readonly entries: readonly ArtifactEntry[]
  /** The release the hosts run now, whose files are linked instead of sent. */
  readonly base: BaseRelease | null
  readonly hosts: readonly SshHost[]
}

const uploadBatch = async (fleet: Fleet, context: StepContext, { entries, base, hosts }: Batch): Promise<SshHost[]> => {
  const { release, log } = context
  const plan = planUpload(release, entries, base, new Date())
  const partial = `.partial-${release.dirName}-${randomBytes(6).toString('hex')}`
  const outcomes = await sendToHosts(fleet, context, { plan, partial, hosts })
  const retry = base === null ? [] : hosts.filter((_, index) => {
    const outcome = outcomes[index]
    return outcome?.status === 'failed' && (outcome.error as { details?: { reason?: string } }).details?.reason === 'verify_failed'
  })
  const failures = combineFailures('prepare', hosts, outcomes.map((outcome, index) => (retry.includes(hosts[index] as SshHost) ? { status: 'skipped' } : outcome)))
  if (failures) throw failures
  for (const [index, host] of hosts.entries()) {
    const outcome = outcomes[index]
    if (outcome?.status !== 'done' || retry.includes(host)) continue
    const linked = plan.base === null ? '' : `, hard-linked ${files(plan.linked)} unchanged from ${plan.base}`
    const sent = `${files(plan.sent)} (${size(plan.sentBytes)}, ${size(outcome.value.wireBytes)} sent)`
    log.info(`${host.id}: ${outcome.value.present ? 'already had' : 'received'} ${release.dirName}: ${sent}${linked}; every file verified`, 'ssh')
  }
  return retry
}
