// ssh driver settings as waka.yml carries them: accepted, merged per service, refused with positions.
import { describe, expect, it } from 'vitest'
import { parseConfigText } from '../config/load.ts'
import { formatProblem } from '../config/problems.ts'

const problemsOf = (text: string): string[] => {
  const result = parseConfigText(text, 'waka.yml')
  return result.ok ? [] : result.problems.map(formatProblem)
}

const config = (driver: string, service = '{}'): string => `version: 1
services:
  web:
    driver: ${service}
environments:
  production:
    driver: ${driver}
`

describe('ssh driver settings in waka.yml', () => {
  it('accepts every option, hosts as names or objects, and service overrides', () => {
    const driver = `
      type: ssh
      hosts:
        - web1.internal
        - 10.0.0.7
        - "[fd00::7]"
        - { address: web3.internal, name: web3, port: 2222, user: ops, path: /srv/other, fingerprints: [SHA256:${'A'.repeat(43)}] }
      user: deploy
      port: 22
      path: /srv/web
      identityFile: ./deploy_key
      knownHosts: ./known_hosts
      fingerprints: [SHA256:${'b'.repeat(43)}]
      trustOnFirstUse: false
      parallel: 2
      connectTimeout: 5s
      timeout: 10m
      keepConnections: 10m
      compress: true
      restart: [sudo, systemctl, restart, web]
      healthPort: 8080`
    const result = parseConfigText(config(driver, '{ path: /srv/web-app }'), 'waka.yml')
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([])
    if (!result.ok) return
    expect(result.policy.services['web']?.targets['production']?.driver).toMatchObject({ type: 'ssh', path: '/srv/web-app', user: 'deploy' })
  })

  it('refuses hosts, users, paths and fingerprints that are not what they claim, at their position', () => {
    expect(problemsOf(config('{ type: ssh, hosts: ["-oProxyCommand=id", "a;b"], user: "root;id", path: "/srv/$(id)", fingerprints: [MD5:aa] }'))).toEqual([
      expect.stringMatching(/^waka\.yml:7:34: environments\.production\.driver\.hosts\[0\]: expected a host name, not something that reads as a flag/),
      expect.stringMatching(/^waka\.yml:7:55: environments\.production\.driver\.hosts\[1\]: expected a host name of letters, digits/),
      expect.stringMatching(/^waka\.yml:7:69: environments\.production\.driver\.user: expected a user name/),
      expect.stringMatching(/^waka\.yml:7:86: environments\.production\.driver\.path: expected a path of letters, digits/),
      expect.stringMatching(/^waka\.yml:7:115: environments\.production\.driver\.fingerprints\[0\]: expected a host key fingerprint like SHA256:/),
    ])
  })

  it('needs at least one host', () => {
    expect(problemsOf(config('{ type: ssh, hosts: [] }'))).toEqual([expect.stringMatching(/driver\.hosts: /)])
  })
})
