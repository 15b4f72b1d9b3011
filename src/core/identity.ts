import type { Grant } from './policy.ts'

/** How a caller proved who they are. */
export type Credential =
  | { readonly kind: 'local' }
  | { readonly kind: 'token'; readonly tokenId: number }
  | { readonly kind: 'session'; readonly tokenId: number }
  | {
      readonly kind: 'github'
      readonly repositoryId: number
      readonly repository: string
      /** The commit the workflow run built, from the token (never from a request body). */
      readonly sha: string
      readonly ref: string
      readonly workflowRef: string
      readonly environment: string | null
      readonly eventName: string
      readonly runId: string
    }

/**
 * Who is acting. `name` is what the ledger records (the actor); `grants` are roles the credential
 * itself carries (an API token's role, a GitHub repository's roles), added to those `waka.yml`
 * gives `name`.
 */
export interface Identity {
  readonly name: string
  readonly grants: readonly Grant[]
  readonly credential: Credential
}

/** A person acting locally (embedded mode): trusted to be who they say, roles from waka.yml only. */
export const localIdentity = (name: string): Identity => ({ name, grants: [], credential: { kind: 'local' } })
