/** A server-sent event as the stream carried it. */
export interface StreamedEvent {
  readonly event: string
  readonly data: unknown
}

export interface EventCollector {
  readonly events: StreamedEvent[]
  /** Resolves once the stream has answered with its status line (it is subscribed). */
  readonly opened: Promise<number>
  /** Waits (bounded) until `enough(events)`; false if the time ran out. */
  until(enough: (events: readonly StreamedEvent[]) => boolean, timeoutMs: number): Promise<boolean>
  stop(): void
}

/** Subscribes to `GET /api/v1/events` (optionally one deployment's log) and keeps every event. */
export const collectEvents = (url: string, token: string, query = ''): EventCollector => {
  const events: StreamedEvent[] = []
  const controller = new AbortController()
  const waiters = new Set<() => void>()
  const opened = fetch(`${url}/api/v1/events${query}`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal }).then((response) => {
    void (async () => {
      const reader = response.body?.getReader()
      if (!reader) return
      const decoder = new TextDecoder()
      let buffer = ''
      for (;;) {
        const chunk = await reader.read().then(
          (read) => (read.done ? null : (read.value as Uint8Array)),
          () => null,
        )
        if (chunk === null) return
        buffer += decoder.decode(chunk, { stream: true })
        let end
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const event = /^event: (.*)$/m.exec(block)?.[1]
          const data = /^data: (.*)$/m.exec(block)?.[1]
          if (event !== undefined && data !== undefined) events.push({ event, data: JSON.parse(data) as unknown })
        }
        for (const wake of waiters) wake()
      }
    })()
    return response.status
  })
  return {
    events,
    opened,
    async until(enough, timeoutMs) {
      const deadline = Date.now() + timeoutMs
      while (!enough(events)) {
        const left = deadline - Date.now()
        if (left <= 0) return false
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer)
            waiters.delete(done)
            resolve()
          }
          const timer = setTimeout(done, Math.min(left, 500))
          waiters.add(done)
        })
      }
      return true
    },
    stop: () => controller.abort(),
  }
}
