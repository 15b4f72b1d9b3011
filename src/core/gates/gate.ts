/**
 * Gates decide whether a deployment may run. Each gate is a pure function of the facts handed in;
 * none reads a clock or a store. They are evaluated when a deployment is requested and again
 * right before it runs.
 */
export const GATE_NAMES = ['quarantine', 'freeze', 'branch', 'upstream', 'soak', 'window', 'rollbackReady', 'approvals'] as const
export type GateName = (typeof GATE_NAMES)[number]

/**
 * - `pass`: the gate holds.
 * - `wait`: the gate will open by itself (soak time, deploy window) or with approvals.
 * - `block`: the gate refuses; the deployment cannot run as requested.
 */
export type GateVerdict = 'pass' | 'wait' | 'block'

export interface GateCheck {
  readonly gate: GateName
  readonly verdict: GateVerdict
  readonly message: string
  /** For time gates that wait: when the gate opens (ms since epoch). */
  readonly opensAt?: number
}

export const pass = (gate: GateName, message: string): GateCheck => ({ gate, verdict: 'pass', message })
export const wait = (gate: GateName, message: string, opensAt?: number): GateCheck =>
  opensAt === undefined ? { gate, verdict: 'wait', message } : { gate, verdict: 'wait', message, opensAt }
export const block = (gate: GateName, message: string): GateCheck => ({ gate, verdict: 'block', message })
