import { describe, expect, it } from 'vitest'
import { freshRead } from './fresh-read.ts'

/** A query whose answers the test releases one by one; each run answers the count of runs so far. */
const controlledQuery = () => {
  const pending: (() => void)[] = []
  let runs = 0
  const query = () => {
    const run = ++runs
    return new Promise<number>((resolve) => pending.push(() => resolve(run)))
  }
  return { query, runs: () => runs, release: () => pending.shift()?.() }
}

describe('freshRead', () => {
  it('shares a running query with callers who asked before it started, and runs a new one for those who asked after', async () => {
    const control = controlledQuery()
    const read = freshRead(control.query)
    const asked = performance.now()
    const first = read(asked)
    const sameMoment = read(asked)
    expect(control.runs()).toBe(1)
    // this caller asks after the running query began: it may have missed a write, so a new one queues
    await new Promise((resolve) => setTimeout(resolve, 5))
    const later = read(performance.now())
    const alsoLater = read(performance.now())
    expect(control.runs()).toBe(1)
    control.release()
    expect(await first).toBe(1)
    expect(await sameMoment).toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(control.runs()).toBe(2)
    control.release()
    expect(await later).toBe(2)
    expect(await alsoLater).toBe(2)
  })

  it('runs again after a failure: an error is never shared with later callers', async () => {
    let calls = 0
    const read = freshRead(() => (++calls === 1 ? Promise.reject(new Error('connection lost')) : Promise.resolve(calls)))
    await expect(read(performance.now())).rejects.toThrow('connection lost')
    expect(await read(performance.now())).toBe(2)
  })
})
