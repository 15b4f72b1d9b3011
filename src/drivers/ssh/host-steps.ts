/**
 * The remote steps of the script, run on one host's connection, with what the script says mapped
 * onto DriverFailure codes that name the host.
 */
import type { Client } from 'ssh2'
import { formatDuration } from '../../core/duration.ts'
import { WakaError } from '../../core/errors.ts'
import { DriverFailure, type CleanupContext, type TargetReleaseCheck } from '../driver.ts'
import { maskSecrets } from '../mask-secrets.ts'
import type { SshFailureReason } from './connection.ts'
import { activationOrder, parseHostState, type HostState } from './host-state.ts'
import { type RemoteResult, runRemote } from './remote-exec.ts'
import { REMOTE_EXIT, remoteCommand, type RemoteStep } from './remote-script.ts'
import { exportLines } from './shell-quote.ts'
import type { SshHost } from './ssh-hosts.ts'

/** One host's connection and the step options, which every remote step needs. */
export interface HostCall {
  readonly client: Client
  readonly host: SshHost
  readonly options: StepOptions
}

export interface StepOptions {
  readonly signal: AbortSignal
  readonly timeoutMs: number
  /** Masked out of every message built from remote output. */
  readonly secrets?: Readonly<Record<string, string>>
}

const because = (reason: SshFailureReason): { reason: SshFailureReason } => ({ reason })

const lastLines = (text: string, count: number): string =>
  text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(-count)
    .join('\n')

/** A failure for what the remote step reported, or null when it succeeded. */
export const remoteFailure = (host: SshHost, step: string, result: RemoteResult, options: StepOptions): Error | null => {
  if (result.ended === 'aborted') return new WakaError('CANCELLED', `${step} on ${host.id} was cancelled`)
  if (result.ended === 'timeout')
    return new DriverFailure('TIMEOUT', `${host.id}: ${step} did not finish within ${formatDuration(options.timeoutMs)}`, { details: { host: host.id } })
  if (result.ended === 'connection-lost')
    return new DriverFailure('DRIVER_FAILED', `${host.id}: the connection was lost during ${step}`, { details: { host: host.id, ...because('connection_lost') } })
  if (result.code === 0) return null
  const said = maskSecrets(lastLines(result.stderr, 12), options.secrets ?? {})
  const message = `${host.id}: ${said === '' ? `${step} failed (exit ${result.code ?? result.signal ?? 'unknown'})` : said}`
  const details = { host: host.id, exitCode: result.code }
  switch (result.code) {
    case REMOTE_EXIT.staleEpoch:
      return new DriverFailure('STALE_EPOCH', message, { details })
    case REMOTE_EXIT.verifyFailed:
      return new DriverFailure('ARTIFACT_INVALID', message, { details: { ...details, ...because('verify_failed') } })
    case REMOTE_EXIT.lockTimeout:
      return new DriverFailure('TIMEOUT', message, { details })
    case 127:
      return new DriverFailure('DRIVER_FAILED', `${message}\n(the host lacks a program the ssh driver needs: see docs/drivers/ssh.md, host preparation)`, { details })
    default:
      return new DriverFailure('DRIVER_FAILED', message, { details })
  }
}

/** The connection would not open a channel (it died while idle, or the server refuses sessions). */
export const channelFailure = (host: SshHost, step: string, error: unknown): DriverFailure =>
  new DriverFailure('DRIVER_FAILED', `${host.id}: could not start ${step}: ${(error as Error).message}`, { cause: error, details: { host: host.id, ...because('connection_lost') } })

const runOn = (call: HostCall, step: string, command: string, input: string | null): Promise<RemoteResult> =>
  runRemote(call.client, command, input, call.options).catch((error: unknown) => {
    throw error instanceof WakaError ? error : channelFailure(call.host, step, error)
  })

const run = async (call: HostCall, step: RemoteStep, args: readonly string[], input: string | null): Promise<RemoteResult> => {
  const { host, options } = call
  const result = await runOn(call, step, remoteCommand(step, host.path, args), input)
  const failure = remoteFailure(host, step, result, options)
  if (failure) throw failure
  return result
}

/** What the host holds; with `epoch`, refuses a stale one; with `target`, sends the live manifest when target is missing. */
export const readState = async (call: HostCall, epoch: number | null, target: string | null): Promise<HostState> => {
  const result = await run(call, 'state', [epoch === null ? '-' : String(epoch), target ?? '-'], null)
  try {
    return parseHostState(result.stdout)
  } catch (error) {
    throw new DriverFailure('DRIVER_FAILED', `${call.host.id}: ${(error as Error).message}`, { cause: error })
  }
}

export interface SwitchInput {
  readonly epoch: number
  /** The release directory to make live, or null to leave nothing live. */
  readonly dirName: string | null
  /** The digest the release's marker must carry; null accepts any prepared release. */
  readonly digest: string | null
  readonly restart: readonly string[] | null
  /** Environment of the restart command, sent on stdin. */
  readonly env: Readonly<Record<string, string>>
}

export interface SwitchResult {
  /** What `current` pointed at before. */
  readonly previous: string | null
  /** The restart command's last lines. */
  readonly output: string
}

export const switchRelease = async (call: HostCall, input: SwitchInput): Promise<SwitchResult> => {
  const { host, options } = call
  const restart = input.dirName === null ? [] : (input.restart ?? [])
  const args = [String(input.epoch), input.dirName ?? '-', input.digest ?? '-', ...restart]
  const result = await runOn(call, 'activate', remoteCommand('activate', host.path, args), restart.length > 0 ? exportLines(input.env) : null)
  const [first = '', ...rest] = result.stdout.split('\n')
  const said = first.startsWith('switched ') ? first.slice('switched '.length) : '-'
  const previous = said === '-' ? null : said
  const output = maskSecrets(lastLines(rest.join('\n'), 40), options.secrets ?? {})
  const failure = remoteFailure(host, 'activate', result, options)
  if (failure) {
    if (failure instanceof DriverFailure && result.code === REMOTE_EXIT.restartFailed) {
      const said = output === '' ? '' : `; its last lines:\n${output}`
      throw new DriverFailure('DRIVER_FAILED', `${failure.message}${said}`, { details: { host: host.id, switched: true, previous } })
    }
    throw failure
  }
  return { previous, output }
}

/** Removes release directories (never the live one); returns what went. */
const removeReleases = async (call: HostCall, epoch: number, dirNames: readonly string[]): Promise<string[]> => {
  const result = await run(call, 'cleanup', [String(epoch), ...dirNames], null)
  return result.stdout.split('\n').flatMap((line) => (line.startsWith('removed ') ? [line.slice('removed '.length)] : []))
}

/** Keeps the `keepReleases` most recently activated, everything in `keep` and the live one; removes the rest. */
export const cleanupHost = async (call: HostCall, context: CleanupContext): Promise<void> => {
  const state = await readState(call, context.epoch, null)
  const present = state.releases.map((held) => held.dirName)
  const recent = activationOrder(state).filter((dirName) => present.includes(dirName))
  const kept = new Set([...recent.slice(0, Math.max(0, context.keepReleases)), ...context.keep])
  if (state.current !== null) kept.add(state.current)
  const doomed = present.filter((dirName) => !kept.has(dirName))
  if (doomed.length === 0 && state.partials.length === 0) return
  const removed = await removeReleases(call, context.epoch, doomed)
  if (removed.length > 0) context.log.info(`${call.host.id}: removed ${removed.join(', ')}`, 'ssh')
}

/** Whether the host still holds the release intact (the `check` step); an answer, never a throw for what it finds. */
export const checkHostRelease = async (call: HostCall, dirName: string, digest: string): Promise<Pick<TargetReleaseCheck, 'state' | 'message'>> => {
  const result = await run(call, 'check', [dirName, digest], null)
  const line = result.stdout.split('\n')[0] ?? ''
  const space = line.indexOf(' ')
  const [word, rest] = space < 0 ? [line, ''] : [line.slice(0, space), line.slice(space + 1).trim()]
  if (word === 'verified') return { state: 'verified', message: `${call.host.path}/releases/${dirName} matches the manifest of ${digest}` }
  if (word === 'missing' || word === 'damaged') return { state: word, message: rest }
  throw new DriverFailure('DRIVER_FAILED', `${call.host.id}: unexpected answer to the release check: ${JSON.stringify(line.slice(0, 80))}`)
}
