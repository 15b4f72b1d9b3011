import type { Release } from '../../api/types.ts'
import { Age } from '../../components/Age.tsx'

// a release's fields come from whoever registered it: link only web addresses
const isWebUrl = (text: string) => /^https?:\/\//i.test(text)

const bytes = (count: number) => (count < 1024 ? `${count} B` : count < 1024 ** 2 ? `${(count / 1024).toFixed(1)} KiB` : `${(count / 1024 ** 2).toFixed(1)} MiB`)

/** The release a deployment moves: identity (digest) first, then where it came from. */
export const ReleaseFacts = ({ release }: { readonly release: Release }) => {
  const { source } = release
  return (
    <section aria-labelledby="release-heading">
      <h2 id="release-heading">Release {release.version}</h2>
      <dl className="facts">
        <dt>Digest</dt>
        <dd>
          <code className="wrap">{release.digest}</code>
        </dd>
        {source.commit && (
          <>
            <dt>Commit</dt>
            <dd>
              <code>{source.commit}</code>
              {source.branch && <> on {source.branch}</>}
            </dd>
          </>
        )}
        {source.repository && (
          <>
            <dt>Repository</dt>
            <dd>{source.repository}</dd>
          </>
        )}
        {source.buildUrl && isWebUrl(source.buildUrl) && (
          <>
            <dt>Build</dt>
            <dd>
              <a href={source.buildUrl} target="_blank" rel="noreferrer">
                {source.buildUrl}
              </a>
            </dd>
          </>
        )}
        <dt>Created</dt>
        <dd>
          by {release.createdBy}, <Age at={release.createdAt} />
        </dd>
        <dt>Artifact</dt>
        <dd>
          {release.artifact.kind}, {release.artifact.files} files, {bytes(release.artifact.bytes)}
        </dd>
      </dl>
    </section>
  )
}
