import type { Logger } from 'pino'
import type { AppContext } from '../app/context.ts'
import type { ArtifactIngest } from '../core/artifact-store.ts'
import type { Identity } from '../core/identity.ts'
import type { EngineEvent } from '../engine/events.ts'
import type { ExecutionDeps } from '../engine/execution-access.ts'
import type { Metrics } from './metrics.ts'

export interface Authenticated {
  readonly identity: Identity
  readonly via: 'token' | 'session' | 'github'
  /** The session's CSRF token; null for bearer credentials, which a browser never sends by itself. */
  readonly csrfToken: string | null
}

/** What the HTTP layer needs of authentication (implemented in auth/). */
export interface Authenticator {
  /** Null when the request carries no credentials; throws UNAUTHENTICATED when they are bad. */
  authenticate(request: { authorization: string | null; sessionCookie: string | null }): Promise<Authenticated | null>
  signIn(input: { token: string; ip: string }): Promise<{ sessionId: string; csrfToken: string; identity: Identity; expiresAt: string }>
  signOut(sessionId: string): Promise<void>
}

/** Engine and API events, for server-sent events and metrics. */
export interface EventSource {
  listen(listener: (event: EngineEvent) => void): () => void
  emit(event: EngineEvent): void
}

export interface HttpDeps {
  readonly app: AppContext
  readonly artifacts: ArtifactIngest
  readonly auth: Authenticator
  readonly events: EventSource
  /** Runner execution (`executor: runner`): the server's secret values for masking, the lease TTL; events go to `events`. */
  readonly execution: Omit<ExecutionDeps, 'observer'>
  readonly metrics: Metrics
  readonly logger: Logger
  readonly version: string
  /** True once migrations ran and the engine started. */
  readonly isReady: () => boolean
  /** The built dashboard (index.html and assets), or null when not built. */
  readonly webRoot: string | null
  /** The origin browsers use (e.g. https://waka.example.com); null to trust the Host header. */
  readonly publicOrigin: string | null
}

export interface HttpEnv {
  Variables: {
    requestId: string
    /** performance.now() when the request came in: cached reads must be at least this fresh. */
    arrivedAt: number
    identity: Identity
    via: Authenticated['via']
    csrfToken: string | null
  }
}
