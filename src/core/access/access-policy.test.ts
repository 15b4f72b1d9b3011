import { describe, expect, it } from 'vitest'
import type { AccessPolicy } from '../policy.ts'
import { isAllowed, isMember, rolesOf } from './access-policy.ts'
import { ACTIONS, ROLES, roleAllows } from './roles.ts'

const access: AccessPolicy = {
  groups: { 'release-managers': ['bob', 'carol'], oncall: ['erin'] },
  grants: [
    { subjects: ['group:release-managers'], role: 'approver', environments: ['production'] },
    { subjects: ['user:alice'], role: 'deployer', environments: ['staging', 'production'] },
    { subjects: ['group:oncall'], role: 'viewer', environments: ['*'] },
    { subjects: ['user:root'], role: 'admin', environments: ['*'] },
  ],
}

describe('access policy', () => {
  it('denies by default: no grant, no action', () => {
    for (const action of ACTIONS) expect(isAllowed(access, 'mallory', action, 'production')).toBe(false)
  })
  it('resolves groups and users', () => {
    expect(isMember(access, 'bob', 'group:release-managers')).toBe(true)
    expect(isMember(access, 'alice', 'group:release-managers')).toBe(false)
    expect(isMember(access, 'alice', 'user:alice')).toBe(true)
    expect(isMember(access, 'alice', 'group:unknown')).toBe(false)
  })
  it('scopes roles to environments, with * for all', () => {
    expect(rolesOf(access, 'bob', 'production')).toEqual(['approver'])
    expect(rolesOf(access, 'bob', 'staging')).toEqual([])
    expect(rolesOf(access, 'erin', 'anything')).toEqual(['viewer'])
  })
  it.each([
    ['alice', 'deploy', 'production', true],
    ['alice', 'approve', 'production', false],
    ['bob', 'approve', 'production', true],
    ['bob', 'deploy', 'production', false],
    ['bob', 'read', 'production', true],
    ['erin', 'read', 'production', true],
    ['erin', 'freeze', 'production', false],
    ['root', 'unfreeze', 'production', true],
    ['alice', 'unfreeze', 'production', true],
    ['alice', 'quarantine', 'production', false],
  ] as const)('%s may %s in %s: %s', (user, action, environment, allowed) => {
    expect(isAllowed(access, user, action, environment)).toBe(allowed)
  })
  it('admin allows every action; viewer only reads', () => {
    for (const action of ACTIONS) expect(roleAllows('admin', action)).toBe(true)
    expect(ACTIONS.filter((action) => roleAllows('viewer', action))).toEqual(['read'])
    expect(ROLES).toHaveLength(4)
  })
})
