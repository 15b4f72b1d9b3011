import { canonicalJson, type HashText } from '../core/audit/audit-chain.ts'
import type { EnvironmentPolicy } from '../core/policy.ts'

/** Approvals are bound to the approval policy in force; a changed policy voids earlier approvals. */
export const approvalPolicyHash = (hash: HashText, environment: EnvironmentPolicy): string =>
  hash(canonicalJson({ environment: environment.name, approvals: environment.gates.approvals }))
