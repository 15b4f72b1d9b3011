/**
 * One SSH connection to one host: key-only authentication (never a password or keyboard prompt),
 * the host key checked against the pins before anything is sent, and every way it can fail turned
 * into a DriverFailure that names the host and says what to do.
 */
import { Socket } from 'node:net'
import type * as Ssh2 from 'ssh2'
import type { AuthenticationType, Client } from 'ssh2'
import { WakaError } from '../../core/errors.ts'
import { DriverFailure } from '../driver.ts'
import { describeHostKeyProblem, hostKeyAlgorithms, judgeHostKey, recordHostKey, type HostKeyPolicy, type HostKeyVerdict } from './host-keys.ts'
import { fingerprintOf } from './known-hosts.ts'
import type { SshAuth } from './ssh-auth.ts'
import type { SshHost } from './ssh-hosts.ts'

/** Why a host could not be reached, for `details.reason` of the failure. */
export type ConnectFailure = 'unreachable' | 'timeout' | 'host_key_unknown' | 'host_key_changed' | 'host_key_revoked' | 'auth_failed' | 'ssh_error'
/** `details.reason` of every ssh driver failure that has one. */
export type SshFailureReason = ConnectFailure | 'connection_lost' | 'verify_failed'

export interface ConnectOptions {
  readonly host: SshHost
  readonly auth: SshAuth
  readonly hostKeys: HostKeyPolicy
  /** Where the pins came from (and where a first-use key is recorded). */
  readonly knownHostsFile: string
  readonly connectTimeoutMs: number
  readonly signal: AbortSignal
}

export interface SshConnection {
  readonly client: Client
  readonly socket: Socket
}

const failure = (host: SshHost, reason: ConnectFailure, message: string, cause?: unknown): DriverFailure =>
  new DriverFailure('DRIVER_FAILED', `cannot connect to ${host.id} (${host.user}@${host.address}:${host.port}): ${message}`, {
    cause,
    details: { host: host.id, reason },
  })

const describeError = (host: SshHost, error: Error & { code?: string; level?: string }, timeoutMs: number): DriverFailure => {
  if (error.level === 'client-authentication')
    return failure(host, 'auth_failed', `the host refused the key (${error.message}); check the identity file or agent and the user's authorized_keys`, error)
  if (error.level === 'client-timeout') return failure(host, 'timeout', `no SSH handshake within ${timeoutMs} ms`, error)
  if (error.code !== undefined && ['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT'].includes(error.code))
    return failure(host, 'unreachable', `${error.code} (${error.message})`, error)
  return failure(host, 'ssh_error', error.message, error)
}

// Loaded on first use: most waka commands never open a connection.
let ssh2: Promise<typeof Ssh2> | null = null

export const connectHost = async (options: ConnectOptions): Promise<SshConnection> => {
  const { Client } = await (ssh2 ??= import('ssh2'))
  return new Promise((resolve, reject) => {
    const { host, auth } = options
    if (options.signal.aborted) {
      reject(new WakaError('CANCELLED', `connecting to ${host.id} was cancelled`))
      return
    }
    const client = new Client()
    const socket = new Socket()
    let keyProblem: { verdict: Exclude<HostKeyVerdict, 'trusted' | 'first-use'>; fingerprint: string } | null = null
    let settled = false
    const settle = (error: Error | null): void => {
      if (settled) return
      settled = true
      options.signal.removeEventListener('abort', onAbort)
      if (error === null) {
        socket.setNoDelay(true)
        resolve({ client, socket })
        return
      }
      client.destroy()
      socket.destroy()
      reject(error)
    }
    const onAbort = (): void => settle(new WakaError('CANCELLED', `connecting to ${host.id} was cancelled`))
    options.signal.addEventListener('abort', onAbort, { once: true })
    client.once('ready', () => settle(null))
    client.on('error', (error: Error & { code?: string; level?: string }) => {
      if (keyProblem !== null) {
        const reason = keyProblem.verdict === 'unknown' ? 'host_key_unknown' : keyProblem.verdict === 'changed' ? 'host_key_changed' : 'host_key_revoked'
        settle(failure(host, reason, describeHostKeyProblem(keyProblem.verdict, keyProblem.fingerprint, options.knownHostsFile), error))
      } else settle(describeError(host, error, options.connectTimeoutMs))
    })
    client.once('close', () => settle(failure(host, 'ssh_error', 'the connection closed during the handshake')))
    const methods: AuthenticationType[] = []
    if (auth.privateKey !== null) methods.push('publickey')
    if (auth.agent !== null) methods.push('agent')
    const serverHostKey = hostKeyAlgorithms(options.hostKeys)
    socket.connect({ host: host.address, port: host.port })
    try {
      client.connect({
        sock: socket,
        username: host.user,
        ...(auth.privateKey === null ? {} : { privateKey: auth.privateKey }),
        ...(auth.agent === null ? {} : { agent: auth.agent }),
        authHandler: methods,
        tryKeyboard: false,
        readyTimeout: options.connectTimeoutMs,
        keepaliveInterval: 0,
        ...(serverHostKey === undefined ? {} : { algorithms: { serverHostKey: serverHostKey as never } }),
        hostVerifier: (key: Buffer, verify: (valid: boolean) => void) => {
          const verdict = judgeHostKey(options.hostKeys, key)
          if (verdict === 'trusted') return verify(true)
          if (verdict !== 'first-use') {
            keyProblem = { verdict, fingerprint: fingerprintOf(key) }
            return verify(false)
          }
          recordHostKey(options.knownHostsFile, host.address, host.port, key).then(
            () => verify(true),
            (error: unknown) => settle(failure(host, 'ssh_error', `cannot record its host key in ${options.knownHostsFile}: ${(error as Error).message}`, error)),
          )
        },
      })
    } catch (error) {
      settle(failure(host, 'auth_failed', `the private key cannot be used: ${(error as Error).message}`, error))
    }
  })
}
