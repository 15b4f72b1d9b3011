/**
 * Third-party actions the generated workflows use, pinned to full commit SHAs: a tag can be moved
 * to other code (tj-actions, March 2025); a commit cannot. The tag is written as a comment.
 */
export interface PinnedAction {
  readonly uses: string
  readonly tag: string
}

export const PINNED = {
  checkout: { uses: 'actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8', tag: 'v5.0.0' },
  setupNode: { uses: 'actions/setup-node@2028fbc5c25fe9cf00d9f06a71cc4710d4507903', tag: 'v6.0.0' },
} as const satisfies Record<string, PinnedAction>
