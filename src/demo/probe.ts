import { createServer } from 'node:net'

/** What the app on a port says its version is, or why it could not tell. */
export const servedVersion = async (port: number): Promise<string> => {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) })
    const body = (await response.json()) as { version?: string }
    return body.version ?? `no version (status ${response.status})`
  } catch (error) {
    return `nothing answering (${error instanceof Error ? error.message : String(error)})`
  }
}

/** A TCP port free on 127.0.0.1 right now. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
