import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { describeArtifact } from '../artifacts/describe-artifact.ts'
import { WakaError } from '../core/errors.ts'
import { createTransport, type BearerToken } from './http-transport.ts'
import { followRemote } from './remote-follow.ts'
import type { PipelineView, WakaClient } from './waka-client.ts'

const query = (params: Record<string, string | number | null | undefined | readonly string[]>): string => {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined) continue
    if (Array.isArray(value)) for (const item of value as readonly string[]) search.append(key, item)
    else search.set(key, String(value))
  }
  const text = search.toString()
  return text ? `?${text}` : ''
}

const path = (...segments: readonly (string | number)[]): string => segments.map((segment) => encodeURIComponent(String(segment))).join('/')

/**
 * The remote client: the same calls as the embedded one, sent to `waka server`. Who is acting is
 * whoever the token says, not a flag; the server runs the deployments.
 */
export const createHttpClient = async (options: { baseUrl: string; token: BearerToken }): Promise<WakaClient> => {
  const transport = createTransport(options)
  const { request } = transport
  const [session, pipeline] = await Promise.all([request<{ user: string }>('GET', '/api/v1/session'), request<PipelineView>('GET', '/api/v1/pipeline')])
  const ok = () => undefined

  return {
    actor: session.user,
    pipeline,
    async createRelease(input) {
      let artifact = 'path' in input.artifact ? null : input.artifact
      if ('path' in input.artifact) {
        const described = await describeArtifact(input.artifact.path)
        const { missing } = await request<{ missing: string[] }>('POST', '/api/v1/artifacts/missing', { body: { sha256: [...described.files.keys()] } })
        for (const sha256 of missing) {
          const file = described.files.get(sha256)
          if (!file) throw new WakaError('INTERNAL', `the server asked for a blob this artifact does not have: ${sha256}`)
          const body = Readable.toWeb(createReadStream(file)) as unknown as NonNullable<RequestInit['body']>
          await request('PUT', `/api/v1/artifacts/blobs/${sha256}`, { raw: body, headers: { 'content-type': 'application/octet-stream' } })
        }
        artifact = { kind: described.kind, entries: described.entries }
      }
      return request('POST', '/api/v1/releases', { body: { service: input.service, version: input.version, artifact, source: input.source } })
    },
    deploy: (input) => request('POST', '/api/v1/deployments', { body: input }),
    promote: (input) => request('POST', '/api/v1/promotions', { body: input }),
    decide: (input) => request('POST', `/api/v1/deployments/${input.deploymentId}/approvals`, { body: { decision: input.decision, comment: input.comment } }),
    rollback: (input) => request('POST', '/api/v1/rollbacks', { body: { service: input.service, environment: input.environment, to: input.to, reason: input.reason } }),
    cancel: (input) => request('POST', `/api/v1/deployments/${input.deploymentId}/cancel`, { body: { reason: input.reason } }),
    hold: (input) => request('POST', `/api/v1/environments/${path(input.environment)}/services/${path(input.service)}/hold`, { body: { reason: input.reason ?? null } }).then(ok),
    unhold: (input) => request('DELETE', `/api/v1/environments/${path(input.environment)}/services/${path(input.service)}/hold`, { body: { reason: input.reason ?? null } }).then(ok),
    freeze: (input) =>
      request('POST', `/api/v1/environments/${path(input.environment)}/freeze`, {
        body: { reason: input.reason, for: input.forMs === null ? null : `${input.forMs}ms` },
      }),
    unfreeze: (input) => request('DELETE', `/api/v1/environments/${path(input.environment)}/freeze`, { body: { reason: input.reason } }).then(ok),
    quarantine: async (input) => {
      const url = `/api/v1/releases/${path(input.service, input.release)}/quarantine`
      if (input.lift) {
        await request('DELETE', url, { body: { reason: input.reason } })
        return null
      }
      return request('POST', url, { body: { reason: input.reason } })
    },
    resume: (input) => request('POST', `/api/v1/environments/${path(input.environment)}/services/${path(input.service)}/resume`, { body: { reason: input.reason } }).then(ok),
    previewDeploy: (input) => request('GET', `/api/v1/previews/deployment${query({ service: input.service, release: input.release })}`),
    previewPromotion: (input) => request('GET', `/api/v1/previews/promotion${query({ service: input.service, to: input.to, from: input.from, release: input.release })}`),
    previewRollback: (input) => request('GET', `/api/v1/previews/rollback${query({ service: input.service, environment: input.environment, to: input.to })}`),
    rollbackReadiness: (input) =>
      request('GET', `/api/v1/services/${encodeURIComponent(input.service)}/environments/${encodeURIComponent(input.environment)}/rollback-readiness${query({ moment: input.moment })}`),
    status: (input) => request('GET', `/api/v1/status${query({ service: input.service })}`),
    targetHosts: (input) => request('GET', `/api/v1/targets${query({ service: input.service })}`),
    history: (input) =>
      request('GET', `/api/v1/deployments${query({ service: input.service, environment: input.environment, status: input.statuses, limit: input.limit, before: input.beforeId })}`),
    deployment: (id) => request('GET', `/api/v1/deployments/${id}`),
    logs: (input) => request('GET', `/api/v1/deployments/${input.deploymentId}/logs${query({ after: input.afterSeq, limit: input.limit })}`),
    releases: (input) => request('GET', `/api/v1/releases${query({ service: input.service, limit: input.limit })}`),
    verifyAudit: () => request('GET', '/api/v1/audit-events/verification'),
    audit: (input) => request('GET', `/api/v1/audit-events${query({ after: input.afterSeq, limit: input.limit })}`),
    deliveries: (input) => request('GET', `/api/v1/notification-deliveries${query({ before: input.beforeId, state: input.state, limit: input.limit })}`),
    doraMetrics: (input) => request('GET', `/api/v1/metrics/dora${query({ environment: input.environment, service: input.service, since: input.since })}`),
    follow: (ids, followOptions) =>
      followRemote(transport, ids, followOptions, (environment) => pipeline.environments.some((env) => env.name === environment && env.executor === 'runner')),
    createToken: (input) =>
      request('POST', '/api/v1/tokens', {
        body: { name: input.name, subject: input.subject ?? null, role: input.role, environments: input.environments, expiresIn: `${input.expiresInMs}ms` },
      }),
    listTokens: () => request('GET', '/api/v1/tokens'),
    revokeToken: (input) => request('DELETE', `/api/v1/tokens/${input.id}`, { body: { reason: input.reason } }),
    runEngine: () => Promise.reject(new WakaError('INVALID_ARGUMENT', 'the server runs deployments by itself; `waka run` is for embedded mode')),
    close: () => Promise.resolve(),
  }
}
