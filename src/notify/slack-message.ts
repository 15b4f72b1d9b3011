/** A Slack incoming-webhook message: `text` for notifications and old clients, `blocks` for the channel. */
import type { Notification } from '../core/notify/notification-event.ts'
import type { NotificationEventName } from '../core/notify/notification-policy.ts'
import { shortDigest } from '../core/release/release.ts'

const SAYS: Readonly<Record<NotificationEventName, string>> = {
  requested: 'requested',
  awaiting_approval: 'awaits approval',
  approved: 'approved',
  rejected: 'rejected',
  started: 'started',
  succeeded: 'succeeded',
  failed: 'failed',
  interrupted: 'interrupted (outcome unknown)',
  cancelled: 'cancelled',
  rolled_back: 'rolled back',
  quarantined: 'quarantined',
  frozen: 'frozen',
  unfrozen: 'unfrozen',
}

const EMOJI: Partial<Record<NotificationEventName, string>> = {
  awaiting_approval: ':raised_hand:',
  succeeded: ':white_check_mark:',
  failed: ':x:',
  interrupted: ':warning:',
  rolled_back: ':rewind:',
  quarantined: ':no_entry:',
  frozen: ':snowflake:',
}

// Slack's mrkdwn reads &, < and > as markup
const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

const headline = (n: Notification): string => {
  const what = n.release ? `${n.service ?? ''} ${n.release.version}` : (n.service ?? n.environment ?? 'Waka')
  const where = n.environment && !(n.event === 'frozen' || n.event === 'unfrozen') ? ` in ${n.environment}` : ''
  const subject = n.event === 'frozen' || n.event === 'unfrozen' ? (n.environment ?? '') : what
  return `${subject}${where} ${SAYS[n.event]}`
}

export const slackMessage = (n: Notification): { text: string; blocks: unknown[] } => {
  const line = headline(n)
  const details = [
    n.deployment ? `deployment #${n.deployment.id} (${n.deployment.kind})` : null,
    `by ${n.actor}`,
    n.release ? `\`${shortDigest(n.release.digest)}\`` : null,
    n.deployment?.url ? `<${n.deployment.url}|open in Waka>` : null,
  ].filter((part): part is string => part !== null)
  const bold = `${EMOJI[n.event] ?? ':information_source:'} *${escape(line)}*`
  return {
    text: line,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: n.reason ? `${bold}\n${escape(n.reason)}` : bold } },
      // the link is ours (dashboardUrl), the rest is escaped
      { type: 'context', elements: [{ type: 'mrkdwn', text: details.map((part) => (part.startsWith('<http') ? part : escape(part))).join(' · ') }] },
    ],
  }
}
