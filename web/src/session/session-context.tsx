import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { ApiError, apiErrorFrom } from '../api/api-error.ts'
import { createHttp } from '../api/http.ts'
import type { Session } from '../api/types.ts'
import { wakaApi, type WakaApi } from '../api/waka-api.ts'

export type SessionState =
  | { readonly phase: 'loading' }
  | { readonly phase: 'signed-out'; readonly notice: string | null }
  | { readonly phase: 'signed-in'; readonly session: Session }

interface SessionValue {
  readonly state: SessionState
  readonly api: WakaApi
  readonly signIn: (token: string) => Promise<void>
  readonly signOut: () => Promise<void>
}

const SessionContext = createContext<SessionValue | null>(null)

const signInRequest = async (token: string): Promise<Session> => {
  const response = await fetch('/api/v1/sessions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify({ token }),
  })
  const body: unknown = await response.json().catch(() => null)
  if (!response.ok) throw apiErrorFrom(response.status, body)
  return body as Session
}

/**
 * The session lives in an HttpOnly cookie the page cannot read; the page keeps only the CSRF token
 * (in memory) and asks the server who it is on load.
 */
export const SessionProvider = ({ children }: { readonly children: ReactNode }) => {
  const [state, setState] = useState<SessionState>({ phase: 'loading' })
  const csrf = useRef<string | null>(null)
  const api = useMemo(
    () =>
      wakaApi(
        createHttp({
          csrfToken: () => csrf.current,
          onUnauthenticated: () => {
            csrf.current = null
            setState({ phase: 'signed-out', notice: 'Your session has ended. Sign in again.' })
          },
        }),
      ),
    [],
  )

  useEffect(() => {
    let cancelled = false
    fetch('/api/v1/session', { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(async (response) => {
        if (cancelled) return
        if (!response.ok) return setState({ phase: 'signed-out', notice: null })
        const session = (await response.json()) as Session
        csrf.current = session.csrfToken
        setState({ phase: 'signed-in', session })
      })
      .catch(() => !cancelled && setState({ phase: 'signed-out', notice: 'The Waka server cannot be reached.' }))
    return () => {
      cancelled = true
    }
  }, [])

  const signIn = useCallback(async (token: string) => {
    const session = await signInRequest(token)
    csrf.current = session.csrfToken
    setState({ phase: 'signed-in', session })
  }, [])

  const signOut = useCallback(async () => {
    try {
      await api.signOut()
    } catch (error) {
      // an already-ended session is signed out anyway
      if (!(error instanceof ApiError && error.status === 401)) throw error
    }
    csrf.current = null
    setState({ phase: 'signed-out', notice: null })
  }, [api])

  const value = useMemo(() => ({ state, api, signIn, signOut }), [state, api, signIn, signOut])
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

const useSessionValue = (): SessionValue => {
  const value = useContext(SessionContext)
  if (!value) throw new Error('useSession outside SessionProvider')
  return value
}

export const useSessionState = () => useSessionValue()

/** The signed-in session and the API; only for components rendered after sign-in. */
export const useSession = (): { readonly session: Session; readonly api: WakaApi } => {
  const { state, api } = useSessionValue()
  if (state.phase !== 'signed-in') throw new Error('useSession before sign-in')
  return { session: state.session, api }
}
