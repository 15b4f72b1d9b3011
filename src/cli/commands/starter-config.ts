/** The waka.yml that `waka init` writes: valid as written, commented where a choice is needed. */
export const starterConfig = (input: { service: string; user: string }): string => `# yaml-language-server: $schema=./node_modules/waka-cd/schema/waka.schema.json
# Waka configuration: see docs/configuration.md for every key.
version: 1

services:
  ${input.service}:
    health:
      http: { path: /healthz, expect: { status: 200 }, successes: 2, interval: 1s, timeout: 30s }
    driver:
      start: [node, server.js]      # how to start a release, run inside its directory

environments:
  staging:
    autoDeploy: { branch: main }     # releases built from main deploy here by themselves
    queue: latest
    driver: { type: local, port: 4101 }
  production:
    promoteFrom: staging             # only releases that succeeded in staging
    gates:
      # With one release manager the requester must be allowed to approve; once there are two or
      # more, remove allowSelfApproval (it is false by default) so nobody approves their own request.
      approvals: { required: 1, from: [group:release-managers], allowSelfApproval: true, expireAfter: 24h }
      soak: 10m
    driver: { type: local, port: 4201 }
    rollback: { auto: true, keepReleases: 5 }

access:
  groups:
    release-managers: [${input.user}]   # add the people who approve production here
  roles:
    # You are admin everywhere ("*"), so you can create the first API tokens (waka token create) and
    # put anything right. Narrow it once others join: keep admin where it is needed, e.g.
    #   "*": { viewer: [group:release-managers] }
    #   production: { admin: [user:${input.user}], approver: [group:release-managers] }
    "*": { admin: [user:${input.user}], viewer: [group:release-managers] }
    staging: { deployer: [group:release-managers] }
    production: { approver: [group:release-managers] }
`
