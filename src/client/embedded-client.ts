import type { AppContext } from '../app/context.ts'
import { cancel } from '../app/cancel.ts'
import { queueWaitsOnTime } from '../app/claim.ts'
import { createRelease } from '../app/create-release.ts'
import { decide } from '../app/decide.ts'
import { deploy, promote, promotionRelease } from '../app/deploy.ts'
import { freeze, unfreeze } from '../app/freeze.ts'
import { hold, unhold } from '../app/hold.ts'
import { requireService, resolveRelease } from '../app/lookup.ts'
import { quarantine } from '../app/quarantine.ts'
import { deploymentDetail, deploymentLogs, history, listReleases } from '../app/read.ts'
import { resumeAutoDeploy } from '../app/resume.ts'
import { previewRollback, rollback } from '../app/rollback.ts'
import { rollbackReadiness } from '../app/rollback-readiness.ts'
import { status } from '../app/status.ts'
import { targetHosts } from '../app/target-hosts.ts'
import { createToken, listTokens, revokeToken } from '../app/tokens.ts'
import { localIdentity } from '../core/identity.ts'
import { listAudit, verifyAudit } from '../app/audit-verify.ts'
import { listDeliveries } from '../app/notification-deliveries.ts'
import { doraMetrics } from '../app/metrics.ts'
import type { Deployment } from '../core/deployment/deployment.ts'
import type { Engine } from '../engine/engine.ts'
import type { EngineEvent } from '../engine/events.ts'
import { isSettled } from './settled.ts'
import { pipelineOf, type FollowOptions, type WakaClient } from './waka-client.ts'

/** Passes engine events to whoever is listening right now. */
export class EventHub {
  readonly #listeners = new Set<(event: EngineEvent) => void>()
  readonly emit = (event: EngineEvent): void => {
    for (const listener of this.#listeners) listener(event)
  }
  listen(listener: ((event: EngineEvent) => void) | undefined): () => void {
    if (!listener) return () => undefined
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }
}

export interface EmbeddedParts {
  readonly app: AppContext
  readonly engine: Engine
  readonly events: EventHub
  readonly actor: string
}

/** The single-user mode: use cases and engine in this process, on the local SQLite ledger. */
export const createEmbeddedClient = (parts: EmbeddedParts): WakaClient => {
  const { app, engine, events, actor } = parts
  const as = <T extends object>(input: T) => ({ ...input, actor })

  const follow = async (ids: readonly number[], options: FollowOptions = {}): Promise<Deployment[]> => {
    const watched = new Set(ids)
    const stopListening = events.listen(options.onEvent)
    const current = async (): Promise<Deployment[]> => {
      const rows: Deployment[] = []
      for (const id of watched) {
        const deployment = await app.store.getDeployment(id)
        if (deployment) rows.push(deployment)
      }
      return rows
    }
    const done = async (): Promise<boolean> => {
      for (const deployment of await current()) {
        const rollbacks = await app.store.listDeployments({
          service: deployment.service,
          environment: deployment.environment,
          kinds: ['rollback'],
          afterId: deployment.id,
          limit: 20,
        })
        for (const rollback of rollbacks) if (rollback.rollbackOf === deployment.id) watched.add(rollback.id)
      }
      for (const deployment of await current()) {
        const lease = await app.store.getLease(deployment.service, deployment.environment)
        const waitsForRunner = app.policy.environments[deployment.environment]?.executor === 'runner'
        if (!(await isSettled(deployment, lease, () => queueWaitsOnTime(app, deployment.service, deployment.environment), waitsForRunner))) return false
      }
      return true
    }
    try {
      await engine.runUntil(done, options.signal ? { signal: options.signal } : {})
    } finally {
      stopListening()
    }
    return current()
  }

  return {
    actor,
    pipeline: pipelineOf(app.policy),
    createRelease: (input) => createRelease(app, as(input)),
    deploy: (input) => deploy(app, as(input)),
    promote: (input) => promote(app, as(input)),
    decide: (input) => decide(app, as(input)),
    rollback: (input) => rollback(app, as(input)),
    cancel: (input) => cancel(app, as(input)),
    hold: (input) => hold(app, as(input)),
    unhold: (input) => unhold(app, as(input)),
    freeze: (input) => freeze(app, as(input)),
    unfreeze: (input) => unfreeze(app, as(input)),
    quarantine: (input) => quarantine(app, as(input)),
    resume: (input) => resumeAutoDeploy(app, as(input)),
    previewDeploy: async (input) => {
      requireService(app.policy, input.service)
      return resolveRelease(app.store, input.service, input.release)
    },
    previewPromotion: (input) => promotionRelease(app.store, app, input),
    previewRollback: (input) => previewRollback(app, as(input)),
    rollbackReadiness: (input) => rollbackReadiness(app, as(input)),
    status: (input) => status(app, as(input)),
    targetHosts: (input) => targetHosts(app, as(input)),
    history: (query) => history(app, as(query)),
    deployment: (id) => deploymentDetail(app, { actor, deploymentId: id }),
    logs: (input) => deploymentLogs(app, as(input)),
    releases: (input) => listReleases(app, as(input)),
    verifyAudit: () => verifyAudit(app, { actor }),
    audit: (input) => listAudit(app, as(input)),
    deliveries: (input) => listDeliveries(app, as(input)),
    doraMetrics: (input) => doraMetrics(app, as(input)),
    follow,
    createToken: (input) => createToken(app, { ...input, identity: localIdentity(actor) }),
    listTokens: () => listTokens(app, { identity: localIdentity(actor) }),
    revokeToken: (input) => revokeToken(app, { ...input, identity: localIdentity(actor) }),
    runEngine: async (options) => {
      const stopListening = events.listen(options.onEvent)
      try {
        const idle = () => Promise.resolve(!options.watch && !engine.busy)
        await engine.runUntil(idle, options.signal ? { signal: options.signal } : {})
      } finally {
        stopListening()
      }
    },
    close: async () => {
      await engine.drain()
      await app.store.close()
    },
  }
}
