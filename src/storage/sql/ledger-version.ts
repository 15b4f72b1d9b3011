import type { Db } from './tables.ts'

/**
 * The ledger's version: one row that every write transaction raises as its last statement, so the
 * new number becomes visible exactly when the transaction's changes do, on every connection and
 * replica. Taken last, the row lock is held only for the commit: it cannot join a lock cycle with
 * the audit chain's lock or a lease row, which every writer takes before it.
 */
export const raiseLedgerVersion = async (db: Db): Promise<void> => {
  await db.updateTable('ledger_version').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', 1).execute()
}

export const readLedgerVersion = async (db: Db): Promise<number> => {
  const row = await db.selectFrom('ledger_version').select('version').where('id', '=', 1).executeTakeFirst()
  return row?.version ?? 0
}
