import { useCallback, useEffect, useRef, useState } from 'react'
import { messageOf } from '../api/api-error.ts'
import { useLatest } from './use-latest.ts'

export interface Loaded<T> {
  readonly data: T | null
  readonly error: string | null
  /** Loads again; calls made while a load runs collapse into one more load after it. */
  readonly reload: () => void
}

/** Loads `load()` now and whenever `key` changes; a result for an older key is dropped. */
export const useLoader = <T,>(key: string, load: () => Promise<T>): Loaded<T> => {
  const [state, setState] = useState<{ key: string; data: T | null; error: string | null }>({ key, data: null, error: null })
  const latestLoad = useLatest(load)
  const running = useRef(false)
  const again = useRef(false)
  const generation = useRef(0)

  const reload = useCallback(() => {
    if (running.current) {
      again.current = true
      return
    }
    running.current = true
    const mine = generation.current
    const run = async () => {
      do {
        again.current = false
        try {
          const data = await latestLoad.current()
          if (mine === generation.current) setState({ key, data, error: null })
        } catch (error) {
          if (mine === generation.current) setState((previous) => ({ key, data: previous.key === key ? previous.data : null, error: messageOf(error) }))
        }
      } while (again.current && mine === generation.current)
      if (mine === generation.current) running.current = false
    }
    void run()
  }, [key, latestLoad])

  useEffect(() => {
    generation.current += 1
    running.current = false
    again.current = false
    reload()
  }, [reload])

  const current = state.key === key
  return { data: current ? state.data : null, error: current ? state.error : null, reload }
}
