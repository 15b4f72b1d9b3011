/** `sha256:` and the first 12 hex digits, as the CLI prints it. */
export const shortDigest = (digest: string): string => {
  const [algorithm, hex] = digest.includes(':') ? digest.split(':', 2) : ['sha256', digest]
  return `${algorithm}:${(hex ?? '').slice(0, 12)}`
}

/** The first 4 hex digits with an ellipsis, for sentences: `sha256:ab12…`. */
export const tinyDigest = (digest: string): string => `${shortDigest(digest).slice(0, 'sha256:'.length + 4)}…`

export const shortCommit = (commit: string): string => commit.slice(0, 7)
