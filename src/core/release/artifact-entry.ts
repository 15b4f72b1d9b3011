/** One entry of an artifact's manifest: a file with its sha256, a symlink, or an empty directory. */
export type ArtifactEntry =
  | { readonly type: 'file'; readonly path: string; readonly mode: number; readonly size: number; readonly sha256: string }
  | { readonly type: 'symlink'; readonly path: string; readonly target: string }
  | { readonly type: 'directory'; readonly path: string }
