import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadConfigFile } from './load.ts'

const EXAMPLE = fileURLToPath(new URL('../../examples/waka.yml', import.meta.url))

describe('examples/waka.yml', async () => {
  const { policy } = await loadConfigFile(EXAMPLE)
  const { staging, production } = policy.environments

  it('has the services web and api, each in staging and production', () => {
    expect(Object.keys(policy.services)).toEqual(['web', 'api'])
    for (const service of Object.values(policy.services)) expect(Object.keys(service.targets)).toEqual(['staging', 'production'])
  })

  it('deploys staging automatically from main with the local driver', () => {
    expect(staging?.autoDeploy).toEqual({ branches: ['main'] })
    expect(staging?.promoteFrom).toBeNull()
    expect(staging?.gates.approvals).toBeNull()
    expect(policy.services['web']?.targets['staging']?.driver).toEqual({ type: 'local', start: ['node', 'server.js'], port: 4101 })
  })

  it('promotes production from staging behind 2 approvals out of 3 release managers, soak and a window', () => {
    expect(production?.promoteFrom).toBe('staging')
    expect(production?.autoDeploy).toBeNull()
    expect(production?.gates.approvals).toEqual({
      required: 2,
      from: ['group:release-managers'],
      allowSelfApproval: false,
      expireAfterMs: 86_400_000,
    })
    expect(policy.access.groups['release-managers']).toEqual(['alice', 'bob', 'carol'])
    expect(production?.gates.soakMs).toBe(30 * 60_000)
    expect(production?.gates.windows).toEqual([
      { days: ['mon', 'tue', 'wed', 'thu'], fromMinute: 540, toMinute: 960, timezone: 'Africa/Lagos' },
    ])
    expect(production?.confirm).toBe(true)
  })

  it('rolls production back automatically', () => {
    expect(production?.rollback).toEqual({ auto: true, keepReleases: 5, quarantineFailed: true })
  })

  it('layers service settings over the environment', () => {
    const web = policy.services['web']?.targets['production']
    expect(web?.driver).toEqual({ type: 'local', stopTimeout: '10s', start: ['node', 'server.js'], port: 5101 })
    expect(web?.variables).toEqual({ API_URL: 'http://127.0.0.1:5102', LOG_LEVEL: 'warn' })
    expect(web?.health?.http).toMatchObject({ path: '/healthz', successes: 3, expect: { status: 200, version: true, body: null } })
  })
})
