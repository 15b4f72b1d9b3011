/**
 * One upload stream fanned out to several hosts: every chunk goes to every host's `receive` step.
 * Each host takes it at its own pace (its disk, not the others', sets its speed) until it falls
 * {@link MAX_LAG} behind; then the stream waits for it, so memory stays bounded (the chunks are shared). The first host that
 * drops out stops the upload on all of them (fail fast: nothing is activated anyway), and only its
 * own failure is reported.
 */
import type { ClientChannel } from 'ssh2'
import { WakaError } from '../../core/errors.ts'
import type { StepContext } from '../driver.ts'
import { settleLimit, type Outcome } from '../parallel.ts'
import type { Fleet } from './fleet.ts'
import { channelFailure, remoteFailure } from './host-steps.ts'
import { startRemote } from './remote-exec.ts'
import { remoteCommand } from './remote-script.ts'
import type { SshHost } from './ssh-hosts.ts'
import type { UploadPlan } from './upload-plan.ts'
import { gzipStream, tarStream } from './upload-stream.ts'

export interface Received {
  /** The host already had the release (another deployment put it there meanwhile). */
  readonly present: boolean
  /** Bytes sent over the channel. */
  readonly wireBytes: number
}

/** How far behind the stream one host may fall (bytes queued on its channel) before the stream waits. */
const MAX_LAG = 32 * 1024 * 1024

interface Slot {
  channel: ClientChannel | null
  /** Settles when the remote step has ended, whether or not the channel says so. */
  ended: Promise<unknown>
  closed: boolean
  ready: (channel: ClientChannel | null) => void
}

/** Resolves once the channel has taken its queue down to the lag limit (or has ended). */
const catchUp = (slot: Slot): Promise<void> =>
  new Promise((resolve) => {
    const channel = slot.channel as ClientChannel
    const check = (): void => {
      if (channel.writableLength > MAX_LAG && !slot.closed) return
      channel.removeListener('drain', check)
      channel.removeListener('close', check)
      resolve()
    }
    channel.on('drain', check)
    channel.once('close', check)
    void slot.ended.then(check)
    check()
  })

export interface Upload {
  readonly plan: UploadPlan
  /** The directory under releases/ the hosts unpack into, the same on every host. */
  readonly partial: string
  readonly hosts: readonly SshHost[]
}

export const sendToHosts = async (fleet: Fleet, context: StepContext, { plan, partial, hosts }: Upload): Promise<Outcome<Received>[]> => {
  const { release } = context
  const stopped = new AbortController()
  const signal = AbortSignal.any([context.signal, stopped.signal])
  const options = { signal, timeoutMs: fleet.timeoutMs }
  const args = [String(context.epoch), release.dirName, release.digest, partial, fleet.compress ? '1' : '0']
  const opened: Promise<ClientChannel | null>[] = []
  const slots: Slot[] = hosts.map(() => {
    const slot: Slot = { channel: null, ended: Promise.resolve(), closed: false, ready: () => undefined }
    opened.push(new Promise((resolve) => (slot.ready = resolve)))
    return slot
  })
  let wireBytes = 0
  const runs = settleLimit(hosts, hosts.length, async (host, index) => {
    const slot = slots[index] as Slot
    try {
      return await fleet.use(host, signal, async (client) => {
        const run = await startRemote(client, remoteCommand('receive', host.path, args), options).catch((error: unknown) => {
          throw error instanceof WakaError ? error : channelFailure(host, 'the upload', error)
        })
        slot.channel = run.channel
        slot.ended = run.done.then(() => (slot.closed = true))
        slot.ready(run.channel)
        const result = await run.done
        const failure = remoteFailure(host, 'the upload', result, options)
        if (failure) throw failure
        return { present: result.stdout.includes('present'), wireBytes }
      })
    } finally {
      slot.ready(null)
    }
  })
  await Promise.all(opened)
  let streamError: Error | null = null
  let dropout = -1
  if (slots.every((slot) => slot.channel !== null)) {
    const source = tarStream(plan, partial, context.artifact, Math.floor(Date.now() / 1000))
    try {
      for await (const chunk of fleet.compress ? gzipStream(source) : source) {
        dropout = slots.findIndex((slot) => slot.closed)
        if (dropout >= 0 || signal.aborted) break
        wireBytes += chunk.length
        for (const slot of slots) (slot.channel as ClientChannel).write(chunk)
        await Promise.all(slots.filter((slot) => (slot.channel as ClientChannel).writableLength > MAX_LAG).map(catchUp))
      }
    } catch (error) {
      streamError = error instanceof Error ? error : new Error(`the upload stream failed: ${JSON.stringify(error)}`)
    }
  }
  if (streamError !== null || dropout >= 0 || slots.some((slot) => slot.channel === null)) stopped.abort()
  else for (const slot of slots) (slot.channel as ClientChannel).end()
  const outcomes = await runs
  if (streamError !== null) throw streamError
  if (!stopped.signal.aborted || context.signal.aborted) return outcomes
  // the hosts stopped because another dropped out report that one's failure, not their own
  return outcomes.map((outcome) =>
    outcome.status === 'failed' && outcome.error instanceof WakaError && outcome.error.code === 'CANCELLED' ? { status: 'skipped' } : outcome,
  )
}
