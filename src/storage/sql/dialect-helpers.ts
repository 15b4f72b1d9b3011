import type { RawBuilder } from 'kysely'

/** The few SQL fragments that differ between dialects; the query modules take them as a value. */
export interface SqlDialectHelpers {
  /** The database clock in milliseconds since the Unix epoch, read when the statement runs. */
  readonly nowMs: RawBuilder<number>
}
