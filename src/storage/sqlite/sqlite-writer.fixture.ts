// Run by sqlite-store.test.ts in a child process (node --import tsx): another process writing to the
// same database file. It appends audit events, each after reading the events since its last one,
// until it reads an event with action `test.stop`; then it prints how many it appended.
// Arguments: <file> <actor>.
import { openSqliteStore } from './sqlite-store.ts'

const [file, actor] = process.argv.slice(2)
if (file === undefined || actor === undefined) throw new Error('usage: <file> <actor>')

const store = await openSqliteStore({ file })
let seen = 0
let appended = 0
for (let stopped = false; !stopped && appended < 100_000; )
  stopped = await store.write(async (tx) => {
    const events = await tx.listAudit(seen, 10_000)
    if (events.some((event) => event.action === 'test.stop')) return true
    await new Promise((resolve) => setImmediate(resolve))
    const event = await tx.appendAudit({
      at: new Date(0).toISOString(),
      actor,
      action: 'test.write',
      service: null,
      environment: null,
      deploymentId: null,
      releaseDigest: null,
      epoch: null,
      reason: null,
      data: { appended },
    })
    seen = event.seq
    appended++
    return false
  })
await store.close()
process.stdout.write(`${appended}\n`)
