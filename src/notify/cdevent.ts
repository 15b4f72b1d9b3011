/**
 * CDEvents 0.4.1 (https://cdevents.dev) in a CloudEvents 1.0 envelope, structured mode: the
 * CDEvent is the `data` of the CloudEvent. Waka emits the events of the spec's continuous
 * deployment stage it has facts for; the Waka notification rides along as `customData`.
 */
import type { Notification } from '../core/notify/notification-event.ts'

export const CDEVENTS_SPEC_VERSION = '0.4.1'
export const CLOUDEVENTS_CONTENT_TYPE = 'application/cloudevents+json'

export interface CloudEvent {
  readonly specversion: '1.0'
  readonly id: string
  readonly source: string
  readonly type: string
  readonly subject: string
  readonly time: string
  readonly datacontenttype: 'application/json'
  readonly data: {
    readonly context: { readonly version: string; readonly id: string; readonly source: string; readonly type: string; readonly timestamp: string }
    readonly subject: { readonly id: string; readonly source: string; readonly type: string; readonly content: Record<string, unknown> }
    readonly customData: Notification
    readonly customDataContentType: 'application/json'
  }
}

/** `pkg:generic/<service>@<version>?checksum=sha256:<hex>`: the release as a package URL, by digest. */
export const artifactPurl = (service: string, version: string, digest: string): string =>
  `pkg:generic/${encodeURIComponent(service)}@${encodeURIComponent(version)}?checksum=${digest.replace(/^sha256:/, 'sha256%3A')}`

type Subject = CloudEvent['data']['subject']

const cdEventOf = (n: Notification, source: string): { type: string; subject: Subject } | null => {
  const environment = n.environment
  if (environment === null) return null
  if ((n.event === 'succeeded' || n.event === 'rolled_back') && n.service !== null && n.release !== null && n.deployment !== null) {
    const predicate = n.event === 'rolled_back' ? 'rolledback' : n.deployment.previousRelease === null ? 'deployed' : 'upgraded'
    return {
      type: `dev.cdevents.service.${predicate}.0.2.0`,
      subject: {
        id: `${environment}/${n.service}`,
        source,
        type: 'service',
        content: { environment: { id: environment, source }, artifactId: artifactPurl(n.service, n.release.version, n.release.digest) },
      },
    }
  }
  if (n.event === 'frozen' || n.event === 'unfrozen')
    return { type: 'dev.cdevents.environment.modified.0.2.0', subject: { id: environment, source, type: 'environment', content: { name: environment } } }
  return null
}

/** The CloudEvent for `n`, or null when CDEvents has no event for it (a request, an approval, …). */
export const cloudEventOf = (n: Notification, source: string): CloudEvent | null => {
  const cd = cdEventOf(n, source)
  if (cd === null) return null
  return {
    specversion: '1.0',
    id: n.id,
    source,
    type: cd.type,
    subject: cd.subject.id,
    time: n.at,
    datacontenttype: 'application/json',
    data: {
      context: { version: CDEVENTS_SPEC_VERSION, id: n.id, source, type: cd.type, timestamp: n.at },
      subject: cd.subject,
      customData: n,
      customDataContentType: 'application/json',
    },
  }
}
