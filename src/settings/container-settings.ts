import { z } from 'zod'
import { argvArray, durationString, pathString, portNumber, variableName } from './primitives.ts'

/**
 * Settings of the `container` driver: one container per service per environment on this machine's
 * engine (Podman or Docker), pulled by digest, never by tag.
 */
export const containerDriverSettings = z
  .strictObject({
    type: z.literal('container'),
    engine: argvArray
      .default(['podman'])
      .describe('The engine CLI as an argv prefix, e.g. [podman], [docker] or [podman, --root, /var/lib/waka-containers]'),
    engineEnvironment: z
      .record(variableName, z.string().max(4096))
      .optional()
      .describe('Variables for the engine CLI itself (not the container), e.g. CONTAINERS_CONF: ./containers.conf'),
    port: portNumber.describe('The port the application listens on inside the container'),
    hostPort: portNumber
      .optional()
      .describe('A fixed host port: activation stops the old container, then starts the new one. Without it each release gets a free port and starts next to the old one'),
    bind: z.string().min(1).max(64).default('127.0.0.1').describe('The host address the port is published on (default 127.0.0.1)'),
    network: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/).optional().describe('An engine network to join, with the service name as network alias'),
    registry: z
      .strictObject({
        username: variableName.describe('Name of the secret holding the registry user'),
        password: variableName.describe('Name of the secret holding the registry password or token'),
      })
      .optional()
      .describe('Registry credentials, as names of secrets of the environment (listed in its secrets)'),
    tlsVerify: z.boolean().default(true).describe('Podman: verify the registry TLS certificate (false for a plain-HTTP registry on loopback)'),
    runArgs: z.array(z.string().min(1).max(4096)).optional().describe('More `create` options, e.g. [--memory, 256m]; never secrets (they show in ps)'),
    command: argvArray.optional().describe("The container's command, instead of the image's"),
    stopTimeout: durationString.optional().describe('How long a stopping container gets before SIGKILL (default 10s)'),
    startTimeout: durationString.optional().describe('How long a started container may take to accept connections on its port (default 30s)'),
    workdir: pathString.optional().describe('Where the driver keeps its epoch and activation log (default .waka/work/<service>/<environment>)'),
  })
  .describe('Run an OCI image release as a container on this machine (Podman or Docker)')

export type ContainerDriverSettings = z.infer<typeof containerDriverSettings>
