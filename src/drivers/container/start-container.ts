/**
 * Starts a prepared container and waits until it accepts connections on its published port — or
 * exits, or takes longer than the start timeout — quoting its last log lines (secrets masked).
 */
import { createConnection } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { DriverFailure } from '../driver.ts'
import { maskSecrets } from '../mask-secrets.ts'
import type { EngineCli } from './engine-cli.ts'
import { publishedAddress } from './container-state.ts'

const accepts = (address: string): Promise<boolean> =>
  new Promise((resolve) => {
    const colon = address.lastIndexOf(':')
    const socket = createConnection({ host: address.slice(0, colon).replace(/^\[|\]$/g, ''), port: Number(address.slice(colon + 1)) })
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
    socket.setTimeout(1000, () => done(false))
  })

const isRunning = async (engine: EngineCli, name: string, signal: AbortSignal): Promise<boolean> =>
  (await engine.check(`inspecting ${name}`, ['container', 'inspect', '--format', '{{.State.Running}}', name], { signal }))[0]?.trim() === 'true'

const lastLogLines = async (engine: EngineCli, name: string, secrets: Readonly<Record<string, string>>): Promise<string> => {
  const logs = await engine.run(['logs', '--tail', '10', name], { timeoutMs: 10_000 }).catch(() => null)
  const lines = logs ? [...logs.stdout, ...logs.stderr].slice(-10) : []
  return lines.length === 0 ? 'no output' : maskSecrets(lines.join(' | '), secrets)
}

/** Starts `name` and resolves with its published address once it accepts connections. */
export const startContainer = async (input: {
  readonly engine: EngineCli
  readonly name: string
  readonly port: number
  /** The published address when it is fixed; otherwise the engine is asked. */
  readonly address: string | null
  readonly startTimeoutMs: number
  readonly secrets: Readonly<Record<string, string>>
  readonly signal: AbortSignal
}): Promise<string> => {
  const { engine, name, signal } = input
  await engine.check(`starting ${name}`, ['start', name], { signal })
  const deadline = Date.now() + input.startTimeoutMs
  const address = input.address ?? (await publishedAddress(engine, name, input.port, signal))
  if (address === null) throw new DriverFailure('DRIVER_FAILED', `${name} publishes no port ${input.port}/tcp`)
  for (;;) {
    // the engine forwards a published port only to a listening process, so accepting means serving
    if (await accepts(address)) return address
    if (!(await isRunning(engine, name, signal)))
      throw new DriverFailure('DRIVER_FAILED', `${name} exited right after it started: ${await lastLogLines(engine, name, input.secrets)}`)
    if (Date.now() > deadline)
      throw new DriverFailure('DRIVER_FAILED', `${name} did not accept connections on ${address} within ${input.startTimeoutMs} ms: ${await lastLogLines(engine, name, input.secrets)}`)
    await sleep(50, undefined, { signal })
  }
}
