/**
 * One of the concurrent deployers of concurrency.test.ts, run as its own OS process:
 * `node --import tsx test/fault/deploy-worker.ts <waka.yml> <name> <rounds> <startAtMs> <deadlineMs> <first release> <second release>`.
 * It deploys the two releases alternately through the embedded client (which runs the engine in
 * this process, as the CLI does) and prints a JSON summary on stdout.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { isTerminal } from '../../src/core/deployment/deployment-machine.ts'
import { openEmbeddedClient } from '../../src/main.ts'
import { TEST_USER } from './waka-process.ts'

const MAX_ERRORS = 5

export interface WorkerSummary {
  readonly name: string
  readonly requested: readonly number[]
  /** Deployments `follow` returned before they reached a terminal state, with the status it saw. */
  readonly unsettled: readonly { id: number; status: string }[]
  readonly errors: readonly string[]
}

const [configPath, name, roundsText, startAtText, deadlineText, ...releases] = process.argv.slice(2)
if (!configPath || !name || releases.length !== 2) throw new Error('usage: deploy-worker.ts <waka.yml> <name> <rounds> <startAtMs> <deadlineMs> <release> <release>')
const rounds = Number(roundsText)
const deadline = Number(deadlineText)

const client = await openEmbeddedClient({ configPath, actor: TEST_USER })
const requested: number[] = []
const unsettled: { id: number; status: string }[] = []
const errors: string[] = []
await sleep(Math.max(0, Number(startAtText) - Date.now()))
for (let round = 0; round < rounds && Date.now() < deadline && errors.length < MAX_ERRORS; round++) {
  try {
    const release = releases[round % 2] ?? ''
    const { deployment } = await client.deploy({ service: 'web', environment: 'production', release, reason: `${name} round ${round}` })
    requested.push(deployment.id)
    const [final] = await client.follow([deployment.id])
    if (!final || !isTerminal(final.status))
      unsettled.push({ id: deployment.id, status: final?.status ?? 'missing' })
  } catch (error) {
    errors.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error))
  }
}
await client.close()
process.stdout.write(`${JSON.stringify({ name, requested, unsettled, errors } satisfies WorkerSummary)}\n`)
