import { useEffect, useState } from 'react'
import { useLatest } from '../hooks/use-latest.ts'

export type StreamState = 'connecting' | 'live' | 'reconnecting'

const RETRY_MS = 3000

export interface EventSourceHandlers {
  /** Named server-sent events (`event: deployment`, `event: log`) to their handler. */
  readonly events: Readonly<Record<string, (data: string) => void>>
  /** Each time the stream (re)opens: events sent while it was down are lost, so refetch. */
  readonly onOpen?: () => void
  /** When the server refused or ended the stream (e.g. the session expired). */
  readonly onClosed?: () => void
}

/**
 * An EventSource that stays open: the browser retries dropped connections by itself, but not a
 * refused one (an HTTP error), so that case is retried here after a pause.
 */
export const useEventSource = (url: string | null, handlers: EventSourceHandlers): StreamState => {
  const [state, setState] = useState<StreamState>('connecting')
  const latest = useLatest(handlers)
  const eventNames = Object.keys(handlers.events).sort().join(',')

  useEffect(() => {
    if (url === null) return undefined
    let source: EventSource | null = null
    let retry: ReturnType<typeof setTimeout> | undefined
    let stopped = false
    const connect = () => {
      source = new EventSource(url, { withCredentials: true })
      for (const name of eventNames.split(',').filter(Boolean))
        source.addEventListener(name, (event) => latest.current.events[name]?.((event as MessageEvent<string>).data))
      source.onopen = () => {
        setState('live')
        latest.current.onOpen?.()
      }
      source.onerror = () => {
        if (stopped || !source) return
        setState('reconnecting')
        if (source.readyState !== EventSource.CLOSED) return
        source.close()
        latest.current.onClosed?.()
        retry = setTimeout(connect, RETRY_MS)
      }
    }
    setState('connecting')
    connect()
    return () => {
      stopped = true
      clearTimeout(retry)
      source?.close()
    }
  }, [url, eventNames, latest])

  return state
}
