import { abortableSleep } from '../health/sleep.ts'
import type { Transport } from './http-transport.ts'

/** A pause between polls that ends early once the server has said something happened. */
export interface Wakeup {
  /** Waits up to `ms`, or not at all if an event came since the last wait. */
  wait(ms: number, signal: AbortSignal | undefined): Promise<void>
  close(): void
}

/**
 * Listens to the server's event stream and treats any event as a reason to poll now rather than
 * at the next interval: a deployment that finishes in 0.1 s is reported then, not after a 0.4 s
 * poll. The polls stay the source of truth; without a stream (it failed, or closed) they run on
 * their interval as before.
 */
export const listenForWakeups = async (transport: Transport, path: string): Promise<Wakeup> => {
  const stop = new AbortController()
  let pending = false
  let wake: (() => void) | null = null
  const signal = () => {
    pending = true
    wake?.()
  }
  try {
    const body = await transport.stream(path, stop.signal)
    void (async () => {
      for await (const chunk of body) if (chunk.length > 0) signal()
    })().catch(() => undefined)
  } catch {
    // no stream: poll on the interval
  }
  return {
    async wait(ms, abort) {
      if (!pending) {
        const woken = new Promise<void>((resolve) => (wake = resolve))
        const timer = new AbortController()
        const ended = () => timer.abort()
        abort?.addEventListener('abort', ended, { once: true })
        await Promise.race([abortableSleep(ms, timer.signal), woken])
        timer.abort()
        abort?.removeEventListener('abort', ended)
        wake = null
      }
      pending = false
    },
    close: () => stop.abort(),
  }
}
