/**
 * Notification secrets (webhook URLs, signing keys) come from the environment of the process that
 * delivers — `waka server`, or the `waka` command in embedded mode — as `WAKA_NOTIFY_<NAME>`.
 * They are not deployment secrets: no deployed program ever receives them.
 */
export const NOTIFY_SECRET_PREFIX = 'WAKA_NOTIFY_'

export const notificationSecrets = (env: Readonly<Record<string, string | undefined>>) => ({
  secret: (name: string): string | undefined => env[`${NOTIFY_SECRET_PREFIX}${name}`],
  describeSecret: (name: string): string => `environment variable ${NOTIFY_SECRET_PREFIX}${name}`,
})
