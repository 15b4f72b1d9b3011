import { Listr, ListrLogger, ProcessOutput, type ListrTask } from 'listr2'
import type { Deployment } from '../../core/deployment/deployment.ts'
import { isTerminal } from '../../core/deployment/deployment-machine.ts'
import type { StepName } from '../../core/store.ts'
import type { EngineEvent } from '../../client/waka-client.ts'
import { describeDeployment } from './format.ts'
import { err, paint, type Io } from './io.ts'

/** Shows deployment progress on stderr while a command follows deployments. */
export interface Progress {
  readonly onEvent: (event: EngineEvent) => void
  /** Resolves once everything shown so far has been drawn. */
  finish(): Promise<void>
}

/** Plain lines for logs, pipes and CI: one line per log entry and state change. */
export const lineProgress = (io: Io): Progress => ({
  onEvent: (event) => {
    if (event.type === 'transition') err(io, `[#${event.deployment.id}] ${event.deployment.status}: ${event.deployment.statusReason ?? ''}`)
    else if (event.type === 'log') err(io, `[#${event.deploymentId}] ${event.line.source === 'engine' ? '' : `${event.line.source}: `}${event.line.message}`)
    else if (event.type === 'fault') err(io, `[#${event.deploymentId ?? '-'}] engine fault: ${event.message}`)
  },
  finish: () => Promise.resolve(),
})

const STEP_TITLES: readonly (readonly [StepName, string])[] = [
  ['prepare', 'upload and verify'],
  ['activate', 'switch and start'],
  ['health', 'health check'],
  ['cleanup', 'clean up old releases'],
]

type StepResult = { readonly status: 'succeeded' | 'failed' | 'skipped'; readonly detail: string | null }

/** A step list with spinners (listr2) per deployment, drawn on stderr on a terminal. */
export const listProgress = (io: Io): Progress => {
  const waiting = new Map<string, (result: StepResult) => void>()
  const results = new Map<string, StepResult>()
  const latest = new Map<number, string>()
  const shown = new Set<number>()
  let drawing: Promise<void> = Promise.resolve()

  const settle = (id: number, step: StepName, result: StepResult) => {
    const key = `${id}:${step}`
    if (results.has(key)) return
    results.set(key, result)
    waiting.get(key)?.(result)
  }
  const stepTask = (deployment: Deployment, [step, title]: (typeof STEP_TITLES)[number]): ListrTask => ({
    title,
    task: async (_context, task) => {
      const key = `${deployment.id}:${step}`
      const timer = setInterval(() => {
        const line = latest.get(deployment.id)
        if (line) task.output = line
      }, 100)
      const result = await new Promise<StepResult>((resolve) => {
        const known = results.get(key)
        if (known) resolve(known)
        else waiting.set(key, resolve)
      }).finally(() => clearInterval(timer))
      if (result.status === 'skipped') task.skip(`${title}: not run`)
      else if (result.status === 'failed') throw new Error(result.detail ?? `${step} failed`)
      else if (result.detail) task.title = `${title}: ${result.detail}`
    },
  })
  const draw = (deployment: Deployment) => {
    const list = new Listr([{ title: describeDeployment(deployment), task: (_c, task) => task.newListr(STEP_TITLES.map((step) => stepTask(deployment, step)), { exitOnError: true }) }], {
      exitOnError: false,
      rendererOptions: {
        logger: new ListrLogger({ processOutput: new ProcessOutput(process.stderr, process.stderr), useIcons: true, toStderr: [] }),
        collapseSubtasks: false,
      },
    })
    drawing = drawing.then(() => list.run().then(() => undefined, () => undefined))
  }

  return {
    onEvent: (event) => {
      if (event.type === 'log') latest.set(event.deploymentId, event.line.message)
      else if (event.type === 'step' && event.status !== 'started') settle(event.deploymentId, event.step, { status: event.status, detail: event.detail })
      else if (event.type === 'fault') err(io, paint(io, 'red', `engine fault: ${event.message}`))
      else if (event.type === 'transition') {
        const { deployment } = event
        if (deployment.status === 'running' && !shown.has(deployment.id)) {
          shown.add(deployment.id)
          draw(deployment)
        }
        if (isTerminal(deployment.status))
          for (const [step] of STEP_TITLES) settle(deployment.id, step, { status: 'skipped', detail: null })
      }
    },
    finish: () => drawing,
  }
}

export const createProgress = (io: Io): Progress => (io.stderrIsTTY ? listProgress(io) : lineProgress(io))
