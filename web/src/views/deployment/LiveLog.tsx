import { useEffect, useRef, useState } from 'react'
import { messageOf } from '../../api/api-error.ts'
import type { LogLine } from '../../api/types.ts'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { useEventSource } from '../../live/use-event-source.ts'
import { useSession } from '../../session/session-context.tsx'
import { visibleLog, type LiveLine } from './log-lines.ts'

const time = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour12: false })

/**
 * The deployment's log, live: the stream is opened first and the stored lines are fetched once it
 * is open, so no line falls between the two; see visibleLog for how the two are merged.
 */
export const LiveLog = ({ deploymentId }: { readonly deploymentId: number }) => {
  const { api } = useSession()
  const [stored, setStored] = useState<LogLine[]>([])
  const [live, setLive] = useState<LiveLine[]>([])
  const [error, setError] = useState<string | null>(null)
  const box = useRef<HTMLOListElement>(null)
  const stuckToBottom = useRef(true)

  const state = useEventSource(`/api/v1/events?deployment=${deploymentId}`, {
    events: { log: (data) => setLive((current) => [...current, JSON.parse(data) as LiveLine]) },
    onOpen: () => {
      api
        .logs(deploymentId)
        .then((lines) => {
          setError(null)
          setStored(lines)
        })
        .catch((failure: unknown) => setError(messageOf(failure)))
    },
  })

  const lines = visibleLog(stored, live)
  useEffect(() => {
    const element = box.current
    if (element && stuckToBottom.current) element.scrollTop = element.scrollHeight
  }, [lines.length])

  return (
    <section aria-labelledby="log-heading">
      <h2 id="log-heading">
        Log <span className={`stream stream-${state}`}>{state === 'live' ? 'live' : state}</span>
      </h2>
      <ErrorAlert message={error} />
      <ol
        ref={box}
        className="log"
        role="log"
        aria-label="Deployment log"
        onScroll={(event) => {
          const element = event.currentTarget
          stuckToBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24
        }}
      >
        {lines.length === 0 && <li className="muted">No log lines yet.</li>}
        {lines.map(({ key, line }) => (
          <li key={key} className={`log-${line.level}`}>
            <time dateTime={line.at}>{time(line.at)}</time> <span className="source">{line.source}</span> {line.message}
          </li>
        ))}
      </ol>
    </section>
  )
}
