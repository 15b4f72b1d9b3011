import type { Deployment } from '../core/deployment/deployment.ts'
import type { NewLogLine, StepName } from '../core/store.ts'

/** What the engine reports as it works, for progress displays and live streams. */
export type EngineEvent =
  | { readonly type: 'transition'; readonly deployment: Deployment }
  | {
      readonly type: 'step'
      readonly deploymentId: number
      readonly step: StepName
      readonly status: 'started' | 'succeeded' | 'failed'
      readonly detail: string | null
    }
  | { readonly type: 'log'; readonly deploymentId: number; readonly line: NewLogLine }
  /** The engine itself failed outside any deployment's own error handling (a bug or a lost store). */
  | { readonly type: 'fault'; readonly deploymentId: number | null; readonly message: string }
  /** The store stopped answering, or answered again: the engine waits for it instead of failing. */
  | { readonly type: 'store'; readonly available: boolean; readonly message: string }

export type EngineObserver = (event: EngineEvent) => void

export const ignoreEvents: EngineObserver = () => undefined
