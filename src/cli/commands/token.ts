import type { Command } from 'commander'
import { InvalidArgumentError } from 'commander'
import { ROLES, type Role } from '../../core/access/roles.ts'
import { parseDuration } from '../../core/duration.ts'
import { action, parseId } from '../action.ts'
import type { CliContext } from '../context.ts'
import { EXIT } from '../output/exit-codes.ts'
import { formatTable, formatTime } from '../output/format.ts'
import { err, out } from '../output/io.ts'

interface CreateOptions {
  name: string
  subject?: string
  role?: Role
  env: string[]
  expires: number
}

const parseRole = (text: string): Role => {
  if (!(ROLES as readonly string[]).includes(text)) throw new InvalidArgumentError(`expected one of ${ROLES.join(', ')}`)
  return text as Role
}
const parseExpiry = (text: string): number => {
  const ms = parseDuration(text)
  if (ms === null) throw new InvalidArgumentError('expected a duration like 30d or 12h')
  return ms
}
const collect = (value: string, previous: string[]): string[] => [...previous, value]

export const registerToken = (program: Command, context: CliContext): void => {
  const token = program.command('token').description('API tokens for the server, the CLI in remote mode and CI')
  token
    .command('create')
    .description('create a token; prints it on stdout once (store it now: only its hash is kept)')
    .requiredOption('--name <name>', 'what the token is for, e.g. ci-web or bob')
    .option('--subject <user>', 'who it acts as (default: its name); their waka.yml roles apply')
    .option('--role <role>', `a role the token itself carries: ${ROLES.join(', ')}`, parseRole)
    .option('--env <environment>', 'where --role applies (repeat; * for all)', collect, [])
    .requiredOption('--expires <duration>', 'lifetime, e.g. 30d (at most 366d)', parseExpiry)
    .action(
      action(async (options: CreateOptions) => {
        const created = await (await context.client()).createToken({
          name: options.name,
          subject: options.subject ?? null,
          role: options.role ?? null,
          environments: options.env,
          expiresInMs: options.expires,
        })
        const { token: record } = created
        err(context.io, `token #${record.id} "${record.name}" acts as ${record.subject}${record.role ? ` with ${record.role} in ${record.environments.join(', ')}` : ''}, expires ${record.expiresAt}`)
        err(context.io, 'this is the only time it is shown:')
        out(context.io, context.globals().json ? JSON.stringify(created, null, 2) : created.secret)
        return EXIT.ok
      }),
    )
  token
    .command('list')
    .description('tokens (never their secrets): all for admins, your own for others')
    .action(
      action(async () => {
        const tokens = await (await context.client()).listTokens()
        if (context.globals().json) out(context.io, JSON.stringify(tokens, null, 2))
        else
          out(
            context.io,
            formatTable(
              context.io,
              ['id', 'name', 'subject', 'role', 'environments', 'expires', 'revoked'],
              tokens.map((t) => [`#${t.id}`, t.name, t.subject, t.role ?? '-', t.environments.join(',') || '-', formatTime(context.io, t.expiresAt), t.revokedAt ? `by ${t.revokedBy ?? '?'}` : '-']),
            ),
          )
        return EXIT.ok
      }),
    )
  token
    .command('revoke')
    .description('revoke a token by id; its sessions end too')
    .argument('<id>')
    .option('--reason <text>', 'why')
    .action(
      action(async (id: string, options: { reason?: string }) => {
        const revoked = await (await context.client()).revokeToken({ id: parseId(id, 'token'), reason: options.reason ?? null })
        out(context.io, `token #${revoked.id} "${revoked.name}" revoked`)
        return EXIT.ok
      }),
    )
}
