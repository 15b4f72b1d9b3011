import { z } from 'zod'
import { argvArray, durationString, pathString, portNumber } from './primitives.ts'
import { FINGERPRINT_PATTERN, REMOTE_PATH_PATTERN, SSH_USER_PATTERN, hostAddressProblem, remotePathProblem, userProblem } from './ssh-names.ts'

const checked = (problem: (value: string) => string | null) =>
  z.string().superRefine((value, context) => {
    const found = problem(value)
    if (found !== null) context.addIssue({ code: 'custom', message: `expected ${found}, got ${JSON.stringify(value)}` })
  })

const hostAddress = checked(hostAddressProblem).describe('A host name, IPv4 address or IPv6 literal')
// Regex checks where one exists, so the generated JSON Schema carries the pattern for editors.
const sshUser = z
  .string()
  .regex(SSH_USER_PATTERN, { error: (issue) => `expected ${userProblem(String(issue.input)) ?? 'a user name'}` })
  .describe('The user Waka logs in as (default: the user running Waka)')
const remotePath = z
  .string()
  .regex(REMOTE_PATH_PATTERN, { error: (issue) => `expected ${remotePathProblem(String(issue.input)) ?? 'a path'}` })
  .refine((path) => !path.split('/').includes('..'), { message: 'expected a path without ".." segments' })
  .describe('The directory holding releases/ and current on the host; relative paths start in the login directory')
const fingerprint = z
  .string()
  .regex(FINGERPRINT_PATTERN, { message: 'expected a host key fingerprint like SHA256:… (43 base64 characters), as ssh-keygen -lf prints it' })
  .describe('A host key fingerprint, as `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` prints it')
const hostName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, { message: 'expected a name of letters, digits, ".", "_" and "-"' })
  .describe('What logs, inspect and waka status call this host (default: the address, with :port when not 22)')

const hostObject = z
  .strictObject({
    address: hostAddress,
    name: hostName.optional(),
    port: portNumber.optional().describe('SSH port of this host (default: the driver port)'),
    user: sshUser.optional(),
    path: remotePath.optional(),
    fingerprints: z.array(fingerprint).min(1).optional().describe('Host keys accepted for this host, besides knownHosts'),
  })
  .describe('One host, with settings that differ from the driver defaults')

/** Settings of the `ssh` driver: the `local` releases-directory layout on remote hosts over SSH. */
export const sshDriverSettings = z
  .strictObject({
    type: z.literal('ssh'),
    hosts: z.array(z.union([hostAddress, hostObject])).min(1).max(1000).describe('The hosts to deploy to'),
    user: sshUser.optional(),
    port: portNumber.optional().describe('SSH port (default 22)'),
    path: remotePath.optional(),
    identityFile: pathString.optional().describe('Private key file (unencrypted, readable only by Waka); default: the agent at SSH_AUTH_SOCK, else ~/.ssh/id_ed25519, id_ecdsa or id_rsa'),
    knownHosts: pathString
      .optional()
      .describe('known_hosts file pinning the host keys (default ~/.ssh/known_hosts when no fingerprints are given)'),
    fingerprints: z.array(fingerprint).min(1).optional().describe('Host keys accepted for every host, besides knownHosts'),
    trustOnFirstUse: z
      .boolean()
      .optional()
      .describe('Accept the key of a host that knownHosts does not know yet and record it there (default false). A changed key is always refused'),
    parallel: z.number().int().min(1).max(256).optional().describe('How many hosts are worked on at once (default 10)'),
    connectTimeout: durationString.optional().describe('Deadline for connecting and logging in to one host (default 10s)'),
    timeout: durationString.optional().describe('Deadline for each remote step: an upload, a switch, the restart command (default 10m)'),
    keepConnections: durationString
      .optional()
      .describe('How long an idle connection stays open for the next step or deployment (default 60s; waka server keeps rollbacks warm with e.g. 10m)'),
    compress: z.boolean().optional().describe('gzip uploads (default true; false can be faster on a fast local network)'),
    restart: argvArray.optional().describe('Runs on each host after the switch, in the new release directory, e.g. [sudo, systemctl, restart, web]'),
    healthPort: portNumber.optional().describe('Port the app serves on each host; health checks probe http://<address>:<healthPort>'),
  })
  .describe('Deploy to a releases directory on remote hosts over SSH')

export type SshDriverSettings = z.infer<typeof sshDriverSettings>
export type SshHostSetting = SshDriverSettings['hosts'][number]
