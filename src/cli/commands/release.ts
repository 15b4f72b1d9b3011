import type { Command } from 'commander'
import { resolve } from 'node:path'
import { WakaError } from '../../core/errors.ts'
import { describeRelease, type ArtifactSummary } from '../../core/release/release.ts'
import { action, parseCount } from '../action.ts'
import type { CliContext } from '../context.ts'
import { EXIT } from '../output/exit-codes.ts'
import { formatTable, formatTime } from '../output/format.ts'
import { err, out } from '../output/io.ts'
import { followAndReport } from '../report.ts'
import { gitCommitTime } from '../git-commit-time.ts'

interface CreateOptions {
  artifact?: string
  image?: string
  commit?: string
  branch?: string
  repository?: string
  buildUrl?: string
  commitTime?: string
  wait: boolean
}

const formatBytes = (bytes: number): string =>
  bytes < 1024 ? `${bytes} B` : bytes < 1024 ** 2 ? `${(bytes / 1024).toFixed(1)} kB` : `${(bytes / 1024 ** 2).toFixed(1)} MB`

const artifactOf = (options: CreateOptions): { path: string } | { image: string } => {
  if ((options.artifact === undefined) === (options.image === undefined))
    throw new WakaError('INVALID_ARGUMENT', 'release create: give exactly one of --artifact <path> or --image <ref>')
  return options.image === undefined ? { path: resolve(options.artifact ?? '') } : { image: options.image }
}

const describeArtifact = (artifact: ArtifactSummary): string =>
  artifact.image
    ? `image ${artifact.image.repository}${artifact.image.platform ? ` (${artifact.image.platform})` : ''}`
    : `${artifact.files} file(s), ${formatBytes(artifact.bytes)}`

export const registerRelease = (program: Command, context: CliContext): void => {
  const release = program.command('release').description('register and list releases')

  release
    .command('create')
    .description('register a built artifact as an immutable release, identified by its sha256 digest; starts the auto-deploys it triggers')
    .argument('<service>')
    .argument('<version>', 'version label (always means these exact bytes)')
    .option('--artifact <path>', 'file or directory to release (a directory is packed deterministically)')
    .option('--image <ref>', 'an OCI image instead: repo@sha256:… or repo:tag (a tag is resolved once to its manifest digest)')
    .option('--commit <sha>', 'source commit')
    .option('--branch <name>', 'source branch (auto-deploy and branch gates match on it)')
    .option('--repository <name>', 'source repository, e.g. acme/web')
    .option('--build-url <url>', 'link to the CI run that built it')
    .option('--commit-time <iso>', 'when the commit was made, ISO 8601 with an offset (default: asked of git in this directory when --commit is given)')
    .option('--no-wait', 'return once registered instead of following the auto-deploys')
    .action(
      action(async (service: string, version: string, options: CreateOptions) => {
        const artifact = artifactOf(options)
        const client = await context.client()
        const committedAt = options.commitTime ?? (options.commit === undefined ? null : await gitCommitTime(options.commit, process.cwd()))
        if (options.commit !== undefined && committedAt === null)
          err(context.io, `commit time of ${options.commit} unknown (not in a git repository here): lead time will not count this release; pass --commit-time`)
        const result = await client.createRelease({
          service,
          version,
          artifact,
          source: {
            repository: options.repository ?? null,
            commit: options.commit ?? null,
            branch: options.branch ?? null,
            buildUrl: options.buildUrl ?? null,
            committedAt,
          },
        })
        const what = `${service} ${describeRelease(result.release)} — ${describeArtifact(result.release.artifact)}`
        err(context.io, result.created ? `registered ${what}` : `already registered: ${what} (same bytes, nothing changed)`)
        for (const skipped of result.skipped) err(context.io, `not deployed to ${skipped.environment}: ${skipped.reason}`)
        if (result.deployments.length === 0) {
          out(context.io, context.globals().json ? JSON.stringify({ release: result.release, deployments: [] }, null, 2) : result.release.digest)
          return EXIT.ok
        }
        return followAndReport(context, client, result.deployments, { wait: options.wait, json: { release: result.release } })
      }),
    )

  release
    .command('list')
    .description("a service's releases, newest first")
    .argument('<service>')
    .option('--limit <n>', 'how many (1-10000)', parseCount, 20)
    .action(
      action(async (service: string, options: { limit: number }) => {
        const client = await context.client()
        const releases = await client.releases({ service, limit: options.limit })
        if (context.globals().json) out(context.io, JSON.stringify(releases, null, 2))
        else
          out(
            context.io,
            formatTable(
              context.io,
              ['version', 'digest', 'files', 'branch', 'commit', 'created', 'quarantine'],
              releases.map((r) => [
                r.version,
                r.digest,
                String(r.artifact.files),
                r.source.branch ?? '-',
                r.source.commit?.slice(0, 12) ?? '-',
                formatTime(context.io, r.createdAt),
                r.quarantine ? `by ${r.quarantine.by}: ${r.quarantine.reason}` : '-',
              ]),
            ),
          )
        return EXIT.ok
      }),
    )
}
