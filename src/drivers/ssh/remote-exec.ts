/**
 * One command on an SSH exec channel: stdout and stderr collected (and always consumed, or the
 * channel never closes), with a deadline and an abort signal that close the channel.
 */
import type { Client, ClientChannel } from 'ssh2'
import { WakaError } from '../../core/errors.ts'

export interface RemoteResult {
  /** The exit status, or null when the command did not exit by itself. */
  readonly code: number | null
  readonly signal: string | null
  readonly stdout: string
  readonly stderr: string
  /** Why the channel ended without an exit status. */
  readonly ended: 'exited' | 'timeout' | 'aborted' | 'connection-lost'
}

export interface RemoteRun {
  readonly channel: ClientChannel
  readonly done: Promise<RemoteResult>
}

export interface RemoteOptions {
  readonly signal: AbortSignal
  readonly timeoutMs: number
}

const MAX_STDOUT = 64 * 1024 * 1024
const MAX_STDERR = 1024 * 1024

const collector = (limit: number) => {
  const chunks: Buffer[] = []
  let size = 0
  return {
    add: (chunk: Buffer): void => {
      if (size >= limit) return
      chunks.push(chunk)
      size += chunk.length
    },
    text: (): string => Buffer.concat(chunks).toString('utf8'),
  }
}

/** Opens the channel and runs `command`; the caller writes stdin (and must end it) on `channel`. */
export const startRemote = (client: Client, command: string, options: RemoteOptions): Promise<RemoteRun> =>
  new Promise((resolveStart, rejectStart) => {
    if (options.signal.aborted) {
      rejectStart(new WakaError('CANCELLED', 'the step was cancelled'))
      return
    }
    client.exec(command, (error, channel) => {
      if (error) {
        rejectStart(error)
        return
      }
      const stdout = collector(MAX_STDOUT)
      const stderr = collector(MAX_STDERR)
      let exit: { code: number | null; signal: string | null } | null = null
      let ended: RemoteResult['ended'] = 'exited'
      const done = new Promise<RemoteResult>((resolve) => {
        const stop = (why: RemoteResult['ended']): void => {
          if (exit !== null || ended !== 'exited') return
          ended = why
          channel.close()
          // a connection that went silent never answers the close; do not wait for it
          if (why !== 'aborted') setTimeout(finish, 2000).unref()
        }
        const timer = setTimeout(() => stop('timeout'), options.timeoutMs)
        const onAbort = (): void => stop('aborted')
        const onLost = (): void => stop('connection-lost')
        options.signal.addEventListener('abort', onAbort, { once: true })
        client.once('close', onLost)
        let finished = false
        function finish(): void {
          if (finished) return
          finished = true
          clearTimeout(timer)
          options.signal.removeEventListener('abort', onAbort)
          client.removeListener('close', onLost)
          resolve({ code: exit?.code ?? null, signal: exit?.signal ?? null, stdout: stdout.text(), stderr: stderr.text(), ended: exit === null && ended === 'exited' ? 'connection-lost' : ended })
        }
        channel.on('data', (chunk: Buffer) => stdout.add(chunk))
        channel.stderr.on('data', (chunk: Buffer) => stderr.add(chunk))
        channel.on('exit', (code: number | null, signal?: string) => {
          exit = { code: typeof code === 'number' ? code : null, signal: signal ?? null }
        })
        channel.on('error', () => undefined)
        channel.on('close', finish)
      })
      resolveStart({ channel, done })
    })
  })

/** Runs `command` with `input` (or nothing) on stdin. */
export const runRemote = async (client: Client, command: string, input: string | Buffer | null, options: RemoteOptions): Promise<RemoteResult> => {
  const { channel, done } = await startRemote(client, command, options)
  if (input === null) channel.end()
  else channel.end(input)
  return done
}
