import { createContext, useCallback, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react'
import type { Deployment } from '../api/types.ts'
import { useLatest } from '../hooks/use-latest.ts'
import { useSession } from '../session/session-context.tsx'
import { useEventSource, type StreamState } from './use-event-source.ts'

/** A deployment changed state, or the stream reopened and anything may have changed meanwhile. */
export type LiveEvent = { readonly type: 'deployment'; readonly deployment: Deployment } | { readonly type: 'resync' }
type Listener = (event: LiveEvent) => void

interface LiveValue {
  readonly state: StreamState
  readonly subscribe: (listener: Listener) => () => void
}

const LiveContext = createContext<LiveValue | null>(null)

/** One `/api/v1/events` stream for the whole page, fanned out to the views that listen. */
export const LiveEventsProvider = ({ children }: { readonly children: ReactNode }) => {
  const { api } = useSession()
  const listeners = useRef(new Set<Listener>())
  const publish = (event: LiveEvent) => {
    for (const listener of listeners.current) listener(event)
  }
  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener)
    return () => {
      listeners.current.delete(listener)
    }
  }, [])
  const state = useEventSource('/api/v1/events', {
    events: { deployment: (data) => publish({ type: 'deployment', deployment: JSON.parse(data) as Deployment }) },
    onOpen: () => publish({ type: 'resync' }),
    // asking who we are signs the page out if the session is gone
    onClosed: () => void api.session().catch(() => undefined),
  })
  const value = useMemo<LiveValue>(() => ({ state, subscribe }), [state, subscribe])
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>
}

const useLive = (): LiveValue => {
  const value = useContext(LiveContext)
  if (!value) throw new Error('useLive outside LiveEventsProvider')
  return value
}

export const useLiveState = (): StreamState => useLive().state

/** Calls `listener` for every live event while the component is mounted. */
export const useLiveEvents = (listener: Listener): void => {
  const { subscribe } = useLive()
  const latest = useLatest(listener)
  useEffect(() => subscribe((event) => latest.current(event)), [subscribe, latest])
}
