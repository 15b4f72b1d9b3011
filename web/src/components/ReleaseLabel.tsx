import { shortDigest } from '../format/digest.ts'

/** A release as people name it: its version, and its digest (its identity). */
export const ReleaseLabel = ({ version, digest }: { readonly version: string; readonly digest: string }) => (
  <span className="release">
    <strong className="version">{version}</strong> <code className="digest" title={digest}>{shortDigest(digest)}</code>
  </span>
)
