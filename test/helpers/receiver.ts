/** A real HTTP receiver on 127.0.0.1 (port 0) that records what it is sent and answers as told. */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Received {
  readonly path: string
  readonly headers: IncomingHttpHeaders
  readonly body: string
  /** 0 for the first request this receiver got. */
  readonly index: number
}

/** An HTTP status, or `hang`: never answer (the connection stays open until the receiver closes). */
export type Answer = number | 'hang'

export interface Receiver {
  readonly url: string
  readonly received: Received[]
  /** Resolves once `count` requests arrived (fails the test after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<void>
  close(): Promise<void>
}

export const startReceiver = async (answer: (request: Received) => Answer = () => 200): Promise<Receiver> => {
  const received: Received[] = []
  const hanging: ServerResponse[] = []
  const waiters: (() => void)[] = []
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const entry = { path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), index: received.length }
      received.push(entry)
      for (const wake of waiters.splice(0)) wake()
      const status = answer(entry)
      if (status === 'hang') hanging.push(response)
      else response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'no')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    waitFor: async (count, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`the receiver got ${received.length} requests, expected ${count}`)
        await new Promise<void>((resolve) => {
          waiters.push(resolve)
          setTimeout(resolve, 100)
        })
      }
    },
    close: async () => {
      for (const response of hanging) response.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** A URL nothing listens on: a port that was free a moment ago (connection refused). */
export const deadUrl = async (): Promise<string> => {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}/hook`
}
