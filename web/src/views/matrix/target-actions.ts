import type { Release, TargetStatus } from '../../api/types.ts'
import type { WakaApi } from '../../api/waka-api.ts'
import type { Confirmation } from '../../components/ConfirmDialog.tsx'
import { tinyDigest } from '../../format/digest.ts'

const orNull = (text: string) => (text === '' ? null : text)

/** "Promote web v1.4.2 (sha256:ab12…) to production?", bound to the digest shown. */
export const promoteConfirmation = async (api: WakaApi, service: string, to: string): Promise<Confirmation> => {
  const release: Release = await api.promotionPreview(service, to)
  return {
    question: `Promote ${service} ${release.version} (${tinyDigest(release.digest)}) to ${to}?`,
    detail: `The same bytes that are verified upstream; ${to}'s gates still apply.`,
    confirmLabel: 'Promote',
    reason: 'optional',
    run: async ({ reason }) => {
      await api.promote(service, to, release.digest, orNull(reason))
    },
  }
}

/** "Roll back web in production to v1.4.1?" */
export const rollbackConfirmation = async (api: WakaApi, target: TargetStatus): Promise<Confirmation> => {
  const { service, environment } = target
  const release = await api.rollbackPreview(service, environment)
  return {
    question: `Roll back ${service} in ${environment} to ${release.version}?`,
    detail: `${release.version} (${tinyDigest(release.digest)})${target.live ? ` replaces ${target.live.release.version}` : ''}.`,
    confirmLabel: 'Roll back',
    reason: 'optional',
    danger: true,
    run: async ({ reason }) => {
      await api.rollback(service, environment, release.digest, orNull(reason))
    },
  }
}

export const holdConfirmation = (api: WakaApi, target: TargetStatus): Confirmation => {
  const { service, environment } = target
  return target.lease?.hold
    ? {
        question: `Lift the hold on ${service} in ${environment}?`,
        detail: `Held by ${target.lease.hold.by}: ${target.lease.hold.reason}. Queued deployments run after this.`,
        confirmLabel: 'Lift hold',
        reason: 'optional',
        run: async ({ reason }) => {
          await api.unhold(service, environment, orNull(reason))
        },
      }
    : {
        question: `Hold ${service} in ${environment}?`,
        detail: 'Deployments queue behind the hold until it is lifted.',
        confirmLabel: 'Hold',
        reason: 'required',
        run: async ({ reason }) => {
          await api.hold(service, environment, reason)
        },
      }
}

export const resumeConfirmation = (api: WakaApi, target: TargetStatus): Confirmation => ({
  question: `Resume auto-deploy of ${target.service} into ${target.environment}?`,
  detail: target.autoDeployPause ? `Paused by ${target.autoDeployPause.by}: ${target.autoDeployPause.reason}` : undefined,
  confirmLabel: 'Resume',
  reason: 'optional',
  run: async ({ reason }) => {
    await api.resume(target.service, target.environment, orNull(reason))
  },
})

export const freezeConfirmation = (api: WakaApi, environment: string, frozen: boolean): Confirmation =>
  frozen
    ? {
        question: `Lift the freeze on ${environment}?`,
        confirmLabel: 'Unfreeze',
        reason: 'optional',
        run: async ({ reason }) => {
          await api.unfreeze(environment, orNull(reason))
        },
      }
    : {
        question: `Freeze ${environment}?`,
        detail: 'Nothing deploys into it until the freeze is lifted or expires; rollbacks still run.',
        confirmLabel: 'Freeze',
        reason: 'required',
        duration: true,
        danger: true,
        run: async ({ reason, duration }) => {
          await api.freeze(environment, reason, orNull(duration))
        },
      }
