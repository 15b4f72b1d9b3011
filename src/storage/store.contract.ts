import { afterEach, beforeEach, describe } from 'vitest'
import type { Store } from '../core/store.ts'
import { auditCases } from './contract/audit.contract.ts'
import { authCases } from './contract/auth.contract.ts'
import { controlCases } from './contract/controls.contract.ts'
import { deploymentCases } from './contract/deployments.contract.ts'
import { immutabilityCases } from './contract/immutability.contract.ts'
import { leaseCases } from './contract/leases.contract.ts'
import { outboxCases } from './contract/outbox.contract.ts'
import { outcomeCases } from './contract/outcomes.contract.ts'
import { ledgerVersionCases } from './contract/ledger-version.contract.ts'
import { progressCases } from './contract/progress.contract.ts'
import { releaseCases } from './contract/releases.contract.ts'
import type { ImmutableTable } from './sql/tables.ts'

/** Direct access to the database under a store, from outside the store (an operator with a SQL shell). */
export interface RawSql {
  /** Runs SQL text on the store's database through a connection of its own. */
  execute(statement: string): Promise<void>
  /** Removes the database's own refusal to edit `table`, as someone with full access to it could. */
  dropImmutability(table: ImmutableTable): Promise<void>
}

export interface StoreUnderTest {
  readonly store: Store
  readonly raw: RawSql
  /** A second store on the same database, as another process or replica opens it; the caller closes it. */
  openAnother(): Promise<Store>
  /** Closes the store and the raw connection and removes the database. */
  cleanup(): Promise<void>
}

export interface StoreContractOptions {
  readonly name: string
  /** A fresh, empty, migrated store for every test. */
  readonly open: () => Promise<StoreUnderTest>
}

/** The behaviour every implementation of the ledger port must have; each store's test file runs it. */
export const runStoreContract = (options: StoreContractOptions): void => {
  describe(`${options.name} store contract`, () => {
    let current: StoreUnderTest | null = null
    const subject = (): StoreUnderTest => {
      if (current === null) throw new Error('no store is open: cases run only inside the contract')
      return current
    }
    beforeEach(async () => {
      current = await options.open()
    })
    afterEach(async () => {
      await current?.cleanup()
      current = null
    })

    releaseCases(subject)
    deploymentCases(subject)
    outcomeCases(subject)
    leaseCases(subject)
    controlCases(subject)
    progressCases(subject)
    auditCases(subject)
    immutabilityCases(subject)
    authCases(subject)
    outboxCases(subject)
    ledgerVersionCases(subject)
  })
}
