import type { LogLevel, LogLine, StoreReader, StoreWriter } from '../../core/store.ts'
import type { SqlDialectHelpers } from './dialect-helpers.ts'
import type { Db } from './tables.ts'

// keeps one INSERT well under every dialect's bound-parameter limit (6 per line)
const LINES_PER_INSERT = 500

export const logReads = (db: Db): Pick<StoreReader, 'listLogs'> => ({
  async listLogs(deploymentId, afterSeq = 0, limit) {
    let query = db
      .selectFrom('deployment_logs')
      .selectAll()
      .where('deployment_id', '=', deploymentId)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
    if (limit !== undefined) query = query.limit(limit)
    const rows = await query.execute()
    return rows.map(
      (row): LogLine => ({
        deploymentId: row.deployment_id,
        seq: row.seq,
        at: row.at,
        level: row.level as LogLevel,
        source: row.source,
        message: row.message,
      }),
    )
  },
})

export const logWrites = (db: Db, { serialize }: SqlDialectHelpers): Pick<StoreWriter, 'appendLogs'> => ({
  async appendLogs(deploymentId, lines) {
    if (lines.length === 0) return
    await serialize(db, { kind: 'logs', deploymentId })
    const last = await db
      .selectFrom('deployment_logs')
      .select('seq')
      .where('deployment_id', '=', deploymentId)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst()
    const first = (last?.seq ?? 0) + 1
    const rows = lines.map((line, index) => ({
      deployment_id: deploymentId,
      seq: first + index,
      at: line.at,
      level: line.level,
      source: line.source,
      message: line.message,
    }))
    for (let start = 0; start < rows.length; start += LINES_PER_INSERT)
      await db.insertInto('deployment_logs').values(rows.slice(start, start + LINES_PER_INSERT)).execute()
  },
})
