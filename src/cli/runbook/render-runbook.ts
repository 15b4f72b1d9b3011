/**
 * A runbook for one environment, written from waka.yml: its gates, approvers, targets, health
 * checks and rollback policy, then the exact commands for each procedure. Generated, so it never
 * drifts from the pipeline it describes.
 */
import { formatDuration } from '../../core/duration.ts'
import type { AccessPolicy, EnvironmentPolicy, Principal, ServiceTarget, WakaPolicy } from '../../core/policy.ts'

const principals = (access: AccessPolicy, list: readonly Principal[]): string =>
  list
    .map((principal) => {
      if (principal.startsWith('user:')) return principal.slice(5)
      const members = access.groups[principal.slice(6)] ?? []
      return `${principal} (${members.join(', ') || 'nobody yet'})`
    })
    .join(', ') || 'nobody'

const holders = (access: AccessPolicy, environment: string, role: string): string =>
  principals(
    access,
    access.grants.filter((grant) => grant.role === role && (grant.environments.includes('*') || grant.environments.includes(environment))).flatMap((grant) => grant.subjects),
  )

const time = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`

const gates = (policy: WakaPolicy, environment: EnvironmentPolicy): string[] => {
  const { approvals, soakMs, windows, branches } = environment.gates
  const lines: string[] = []
  if (approvals)
    lines.push(
      `Approvals: ${approvals.required} from ${principals(policy.access, approvals.from)}; ${approvals.allowSelfApproval ? 'the requester may approve' : 'never the requester'}${approvals.expireAfterMs === null ? '' : `; an approval expires after ${formatDuration(approvals.expireAfterMs)}`}.`,
    )
  else lines.push('Approvals: none required.')
  if (environment.promoteFrom) lines.push(`Upstream: only releases that succeeded in ${environment.promoteFrom}${soakMs ? `, and stayed live there ${formatDuration(soakMs)}` : ''}.`)
  for (const window of windows) lines.push(`Deploy window: ${window.days.join(', ')} ${time(window.fromMinute)}–${time(window.toMinute)} ${window.timezone} (rollbacks pass).`)
  if (branches) lines.push(`Branches: releases built from ${branches.join(', ')} only.`)
  return lines
}

const targetOf = (name: string, target: ServiceTarget): string => {
  const { driver, health } = target
  const where =
    driver.type === 'ssh' && Array.isArray(driver['hosts'])
      ? `ssh to ${(driver['hosts'] as unknown[]).map((host) => (typeof host === 'string' ? host : JSON.stringify(host))).join(', ')}`
      : driver.type === 'local'
        ? `local${typeof driver['port'] === 'number' ? `, port ${driver['port']}` : ''}`
        : driver.type
  const http = health?.http
  const check = http
    ? `GET ${http.url ?? http.path} → ${http.expect.status}${http.expect.version ? ' reporting the version' : ''}; ${http.successes} good in a row, every ${formatDuration(http.intervalMs)}, within ${formatDuration(http.timeoutMs)}`
    : 'none (a deployment succeeds once activated)'
  return `| ${name} | ${where} | ${check} | ${target.secrets.join(', ') || '-'} |`
}

export const renderRunbook = (policy: WakaPolicy, environmentName: string): string => {
  const environment = policy.environments[environmentName]
  if (!environment) throw new Error(`no environment ${environmentName}`)
  const services = Object.values(policy.services).filter((service) => service.targets[environmentName])
  const first = services[0]?.name ?? 'web'
  const { rollback } = environment
  const lines = [
    `# Runbook: ${environmentName}`,
    '',
    `Written by \`waka runbook ${environmentName}\` from waka.yml. Regenerate it when waka.yml changes.`,
    '',
    '## What this environment is',
    '',
    environment.promoteFrom
      ? `- Takes releases from **${environment.promoteFrom}** by promotion (the same bytes, by digest).`
      : `- Takes releases ${environment.autoDeploy ? `automatically from ${environment.autoDeploy.branches.join(', ')}` : 'by `waka deploy`'}.`,
    ...gates(policy, environment).map((line) => `- ${line}`),
    `- Queue: ${environment.queue === 'latest' ? 'a new request supersedes the ones still waiting' : 'requests run in order'}; ${environment.confirm ? 'the CLI asks for confirmation naming the release' : 'no confirmation'}.`,
    `- Rollback: ${rollback.auto ? 'automatic when a deployment fails (once; a failed rollback freezes the environment)' : 'by hand only'}; ${rollback.keepReleases} releases kept per target${rollback.quarantineFailed ? '; a release that fails its health check is quarantined' : ''}.`,
    `- Deployers: ${holders(policy.access, environmentName, 'deployer')}. Approvers: ${holders(policy.access, environmentName, 'approver')}. Admins: ${holders(policy.access, environmentName, 'admin')}.`,
    '',
    '| service | targets | health check | secrets (names) |',
    '|---|---|---|---|',
    ...services.map((service) => targetOf(service.name, service.targets[environmentName] as ServiceTarget)),
    '',
    '## Ship a release',
    '',
    '```sh',
    `waka status ${first}`,
    environment.promoteFrom ? `waka promote ${first} --to ${environmentName} --reason "release train"` : `waka deploy ${first} ${environmentName} --release v1.2.3`,
    ...(environment.gates.approvals ? ['waka approve 42 --comment "checked the diff"   # 42: the id the request printed; an approver who is not the requester'] : []),
    'waka logs 42 --follow',
    '```',
    '',
    '## Roll back',
    '',
    '```sh',
    `waka rollback ${first} ${environmentName} --reason "error rate up"                   # the previous verified release`,
    `waka rollback ${first} ${environmentName} --to v1.2.2 --reason "back to the last good one"`,
    '```',
    '',
    '## During an incident',
    '',
    '```sh',
    `waka freeze ${environmentName} --reason "incident 123" --for 2h   # nothing but rollbacks deploys`,
    `waka hold ${first} ${environmentName} --reason "database migration"  # deployments queue behind it`,
    `waka quarantine ${first} v1.2.3 --reason "CVE in a dependency"   # no path deploys it again`,
    `waka unhold ${first} ${environmentName}`,
    `waka unfreeze ${environmentName} --reason "incident 123 resolved"`,
    '```',
    '',
    '## Afterwards',
    '',
    '```sh',
    `waka history ${environmentName} --limit 20`,
    'waka audit verify',
    '```',
    '',
  ]
  return lines.join('\n')
}
