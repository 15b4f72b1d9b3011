import type { DeploymentStatus } from '../api/types.ts'

/** The colour family of a state: what a glance at the matrix should tell. */
export type Tone = 'good' | 'bad' | 'busy' | 'waiting' | 'neutral'

const TONES: Readonly<Record<DeploymentStatus, Tone>> = {
  pending: 'waiting',
  awaiting_approval: 'waiting',
  queued: 'busy',
  running: 'busy',
  verifying: 'busy',
  succeeded: 'good',
  failed: 'bad',
  errored: 'bad',
  interrupted: 'bad',
  rejected: 'neutral',
  cancelled: 'neutral',
  superseded: 'neutral',
}

export const toneOf = (status: DeploymentStatus): Tone => TONES[status]

export const statusLabel = (status: DeploymentStatus): string => status.replace('_', ' ')

const NOT_STARTED: readonly DeploymentStatus[] = ['pending', 'awaiting_approval', 'queued']
export const hasNotStarted = (status: DeploymentStatus): boolean => NOT_STARTED.includes(status)

const FINISHED: readonly DeploymentStatus[] = ['succeeded', 'failed', 'errored', 'rejected', 'cancelled', 'superseded', 'interrupted']
export const isFinished = (status: DeploymentStatus): boolean => FINISHED.includes(status)
