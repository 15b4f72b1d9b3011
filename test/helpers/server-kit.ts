import { Writable } from 'node:stream'
import { join } from 'node:path'
import { startServer, type RunningServer } from '../../src/server.ts'
import { createWorkspace, type Workspace } from './workspace.ts'

export interface ApiResponse<T = unknown> {
  readonly status: number
  readonly headers: Headers
  readonly body: T
}

/** A real `waka server` on 127.0.0.1, port 0, over a temporary workspace. */
export interface RunningWaka {
  readonly workspace: Workspace
  readonly url: string
  /** An API token for `name`, created with the CLI as `admin` (a user the config makes admin in `*`). */
  token(name: string, options?: { role?: string; env?: readonly string[]; subject?: string }): Promise<string>
  /** JSON over HTTP with a bearer token (or none); `request` is like `GET /api/v1/status`. */
  api<T = unknown>(token: string | null, request: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>
  /** Stops the server and starts it again on the same ledger (a restart). */
  restart(): Promise<void>
  stop(): Promise<void>
}

const quiet = () => new Writable({ write: (_chunk, _encoding, done) => done() })

export const startWaka = async (config: string, options: { admin?: string } = {}): Promise<RunningWaka> => {
  const workspace = await createWorkspace()
  await workspace.writeConfig(config)
  const boot = () =>
    startServer({ configPath: join(workspace.dir, 'waka.yml'), host: '127.0.0.1', port: 0, publicUrl: null, version: 'test', logTo: quiet() })
  let server: RunningServer = await boot()
  const running: RunningWaka = {
    workspace,
    get url() {
      return server.url
    },
    async token(name, tokenOptions = {}) {
      const args = ['token', 'create', '--name', name, '--expires', '1d']
      if (tokenOptions.role) args.push('--role', tokenOptions.role)
      for (const environment of tokenOptions.env ?? []) args.push('--env', environment)
      if (tokenOptions.subject) args.push('--subject', tokenOptions.subject)
      const result = await workspace.waka(args, { env: { WAKA_USER: options.admin ?? 'admin' } })
      if (result.code !== 0) throw new Error(`token create failed: ${result.stderr}`)
      return result.stdout.trim()
    },
    async api(token, request, body, headers = {}) {
      const [method, path] = request.split(' ') as [string, string]
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      })
      const text = await response.text()
      let parsed: unknown = text
      try {
        parsed = text ? JSON.parse(text) : null
      } catch {
        // not JSON (metrics, event streams): the text itself
      }
      return { status: response.status, headers: response.headers, body: parsed as never }
    },
    async restart() {
      await server.close()
      server = await boot()
    },
    async stop() {
      await server.close()
      await workspace.cleanup()
    },
  }
  return running
}

/** Reads a streaming response as text until `enough(text)` or the deadline, then stops reading. */
export const readStream = async (response: Response, enough: (text: string) => boolean, timeoutMs = 20_000): Promise<string> => {
  const body = response.body
  if (!body) return ''
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let text = ''
  const deadline = Date.now() + timeoutMs
  while (!enough(text) && Date.now() < deadline) {
    // an aborted request ends the stream: what was read so far is the answer
    const chunk = (await reader.read().catch(() => ({ done: true }))) as { done: boolean; value?: Uint8Array }
    if (chunk.done) break
    text += decoder.decode(chunk.value, { stream: true })
  }
  await reader.cancel().catch(() => undefined)
  return text
}
