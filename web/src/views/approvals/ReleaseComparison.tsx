import type { ReactNode } from 'react'
import type { Release } from '../../api/types.ts'
import { Age } from '../../components/Age.tsx'
import { shortCommit, shortDigest } from '../../format/digest.ts'
import { compareUrl } from '../../format/pipeline.ts'

interface ReleaseComparisonProps {
  readonly environment: string
  readonly live: Release | null
  readonly candidate: Release
  readonly repository: string | null
}

const commitText = (release: Release | null) => (release?.source.commit ? shortCommit(release.source.commit) : '—')

/** What would change: the candidate next to what is live in the environment now. */
export const ReleaseComparison = ({ environment, live, candidate, repository }: ReleaseComparisonProps) => {
  const rows: readonly (readonly [string, (release: Release) => ReactNode])[] = [
    ['Version', (release) => release.version],
    ['Digest', (release) => <code title={release.digest}>{shortDigest(release.digest)}</code>],
    ['Commit', (release) => <code title={release.source.commit ?? undefined}>{commitText(release)}</code>],
    ['Branch', (release) => release.source.branch ?? '—'],
    ['Created by', (release) => release.createdBy],
    ['Created', (release) => <Age at={release.createdAt} />],
  ]
  const compare = compareUrl(repository, live?.source.commit, candidate.source.commit)
  return (
    <>
      <table className="comparison">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">Live in {environment} now</th>
            <th scope="col">Candidate</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, show]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{live ? show(live) : <span className="muted">nothing live</span>}</td>
              <td>{show(candidate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {compare && (
        <p>
          <a href={compare} target="_blank" rel="noreferrer">
            Compare {commitText(live)}…{commitText(candidate)} on GitHub
          </a>
        </p>
      )}
    </>
  )
}
