import { describe, expect, it } from 'vitest'
import type { Deployment } from '../../api/types.ts'
import { filterFromQuery, foldEvent, queryFromFilter } from './history-filter.ts'

const row = (id: number, status: Deployment['status'], service = 'web'): Deployment =>
  ({ id, status, service, environment: 'production' }) as Deployment

describe('history filter', () => {
  it('round-trips through the address and ignores unknown statuses', () => {
    const filter = filterFromQuery(new URLSearchParams('service=web&status=failed'))
    expect(filter).toEqual({ service: 'web', environment: null, status: 'failed' })
    expect(queryFromFilter(filter)).toBe('?service=web&status=failed')
    expect(filterFromQuery(new URLSearchParams('status=bogus')).status).toBeNull()
  })

  it('adds new matching deployments on top, updates in place, and drops rows that stop matching', () => {
    const all = { service: null, environment: null, status: null }
    expect(foldEvent([row(2, 'running'), row(1, 'succeeded')], all, row(3, 'queued')).map((d) => d.id)).toEqual([3, 2, 1])
    expect(foldEvent([row(2, 'running')], all, row(2, 'succeeded'))[0]?.status).toBe('succeeded')
    const failed = { ...all, status: 'failed' as const }
    expect(foldEvent([row(2, 'failed')], failed, row(3, 'running'))).toHaveLength(1)
    expect(foldEvent([row(5, 'failed')], { ...all, service: 'api' }, row(6, 'failed'))).toHaveLength(1)
  })
})
