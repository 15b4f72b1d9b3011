import { createContext, useContext, useEffect, type ReactNode } from 'react'
import type { Pipeline, StatusReport } from '../api/types.ts'
import { useLoader, type Loaded } from '../hooks/use-loader.ts'
import { useLiveEvents } from '../live/live-events.tsx'
import { useSession } from '../session/session-context.tsx'

export interface Overview {
  readonly status: StatusReport
  readonly pipeline: Pipeline
}

// holds, freezes and pauses emit no deployment event; this catches the ones made elsewhere
const FALLBACK_REFRESH_MS = 30_000

const StatusContext = createContext<Loaded<Overview> | null>(null)

/** The status matrix and pipeline, shared by the views, reloaded on every live event. */
export const StatusProvider = ({ children }: { readonly children: ReactNode }) => {
  const { api } = useSession()
  const loaded = useLoader('overview', async () => {
    const [status, pipeline] = await Promise.all([api.status(), api.pipeline()])
    return { status, pipeline }
  })
  const { reload } = loaded
  useLiveEvents(() => reload())
  useEffect(() => {
    const timer = setInterval(reload, FALLBACK_REFRESH_MS)
    return () => clearInterval(timer)
  }, [reload])
  return <StatusContext.Provider value={loaded}>{children}</StatusContext.Provider>
}

export const useOverview = (): Loaded<Overview> => {
  const value = useContext(StatusContext)
  if (!value) throw new Error('useOverview outside StatusProvider')
  return value
}
