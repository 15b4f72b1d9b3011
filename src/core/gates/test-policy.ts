import type { AccessPolicy, ApprovalPolicy, EnvironmentPolicy } from '../policy.ts'

/** Builders for gate tests: a production-like environment with sensible defaults. */
export const anAccessPolicy = (overrides: Partial<AccessPolicy> = {}): AccessPolicy => ({
  groups: { 'release-managers': ['bob', 'carol', 'dana'] },
  grants: [],
  ...overrides,
})

export const anApprovalPolicy = (overrides: Partial<ApprovalPolicy> = {}): ApprovalPolicy => ({
  required: 2,
  from: ['group:release-managers', 'user:alice'],
  allowSelfApproval: false,
  expireAfterMs: 3_600_000,
  ...overrides,
})

export const anEnvironment = (overrides: Partial<EnvironmentPolicy> = {}): EnvironmentPolicy => ({
  name: 'production',
  promoteFrom: 'staging',
  autoDeploy: null,
  queue: 'fifo',
  confirm: true,
  gates: { approvals: anApprovalPolicy(), soakMs: 0, windows: [], branches: null, rollbackReady: false },
  rollback: { auto: true, keepReleases: 5, quarantineFailed: true },
  executor: 'server',
  ...overrides,
})
