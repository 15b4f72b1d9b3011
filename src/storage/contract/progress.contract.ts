import { describe, expect, it } from 'vitest'
import { InternalError } from '../../core/errors.ts'
import type { NewLogLine } from '../../core/store.ts'
import { at, insertDeployment, type Subject } from './fixtures.ts'

const line = (message: string): NewLogLine => ({ at: at(130), level: 'info', source: 'engine', message })

export const progressCases = (subject: Subject): void => {
  describe('deployment steps', () => {
    it('records a step as started before it runs and finishes it once', async () => {
      const { store } = subject()
      const deployment = await insertDeployment(store)
      const prepare = await store.write((tx) => tx.startStep({ deploymentId: deployment.id, name: 'prepare', epoch: 4, at: at(120) }))
      const activate = await store.write((tx) => tx.startStep({ deploymentId: deployment.id, name: 'activate', epoch: 4, at: at(122) }))
      expect(await store.listSteps(deployment.id)).toEqual([
        { id: prepare, deploymentId: deployment.id, name: 'prepare', status: 'started', epoch: 4, startedAt: at(120), finishedAt: null, detail: null },
        { id: activate, deploymentId: deployment.id, name: 'activate', status: 'started', epoch: 4, startedAt: at(122), finishedAt: null, detail: null },
      ])

      await store.write((tx) => tx.finishStep(prepare, { status: 'succeeded', at: at(121), detail: null }))
      await store.write((tx) => tx.finishStep(activate, { status: 'failed', at: at(123), detail: 'symlink switch refused' }))
      expect(await store.listSteps(deployment.id)).toMatchObject([
        { id: prepare, status: 'succeeded', finishedAt: at(121), detail: null },
        { id: activate, status: 'failed', finishedAt: at(123), detail: 'symlink switch refused' },
      ])
      expect(await store.listSteps(deployment.id + 1)).toEqual([])
    })

    it('throws InternalError when finishing a step that is unknown or already finished', async () => {
      const { store } = subject()
      const deployment = await insertDeployment(store)
      const step = await store.write((tx) => tx.startStep({ deploymentId: deployment.id, name: 'health', epoch: 1, at: at(124) }))
      await store.write((tx) => tx.finishStep(step, { status: 'succeeded', at: at(125), detail: null }))

      const outcome = { status: 'failed', at: at(126), detail: 'late' } as const
      await expect(store.write((tx) => tx.finishStep(step, outcome))).rejects.toBeInstanceOf(InternalError)
      await expect(store.write((tx) => tx.finishStep(step + 100, outcome))).rejects.toBeInstanceOf(InternalError)
      expect(await store.listSteps(deployment.id)).toMatchObject([{ status: 'succeeded', detail: null }])
    })
  })

  describe('deployment logs', () => {
    it('numbers lines from 1 per deployment across appends and pages them', async () => {
      const { store } = subject()
      const first = await insertDeployment(store)
      const second = await insertDeployment(store)
      await store.write((tx) => tx.appendLogs(first.id, [line('a'), { ...line('b'), level: 'warn', source: 'prod-1' }]))
      await store.write((tx) => tx.appendLogs(second.id, [line('other')]))
      await store.write((tx) => tx.appendLogs(first.id, []))
      await store.write((tx) => tx.appendLogs(first.id, [line('c'), { ...line('d'), level: 'error' }]))

      const all = await store.listLogs(first.id)
      expect(all.map((row) => [row.seq, row.message])).toEqual([[1, 'a'], [2, 'b'], [3, 'c'], [4, 'd']])
      expect(all[1]).toEqual({ deploymentId: first.id, seq: 2, at: at(130), level: 'warn', source: 'prod-1', message: 'b' })
      expect((await store.listLogs(first.id, 1, 2)).map((row) => row.message)).toEqual(['b', 'c'])
      expect((await store.listLogs(first.id, 3)).map((row) => row.message)).toEqual(['d'])
      expect(await store.listLogs(first.id, 4)).toEqual([])
      expect(await store.listLogs(second.id)).toMatchObject([{ seq: 1, message: 'other' }])
    })

    it('appends a batch larger than one statement in order', async () => {
      const { store } = subject()
      const deployment = await insertDeployment(store)
      const lines = Array.from({ length: 1_234 }, (_, index) => line(`line ${index + 1}`))
      await store.write((tx) => tx.appendLogs(deployment.id, lines))

      const read = await store.listLogs(deployment.id)
      expect(read).toHaveLength(1_234)
      expect(read.every((row) => row.message === `line ${row.seq}`)).toBe(true)
    })
  })
}
