import { Hono } from 'hono'
import { pino } from 'pino'
import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { ERROR_CODES, WakaError } from '../core/errors.ts'
import { createErrorHandler } from './error-handler.ts'
import { HTTP_STATUS_BY_CODE } from './error-status.ts'
import type { HttpEnv } from './http-deps.ts'
import { jsonDepth } from './middleware/body-guard.ts'

const logged: string[] = []
const logger = pino(new Writable({ write: (chunk: Buffer, _encoding, done) => { logged.push(chunk.toString()); done() } }))

const appThrowing = (error: unknown) => {
  const app = new Hono<HttpEnv>()
  app.use('*', async (c, next) => {
    c.set('requestId', 'req-123')
    await next()
  })
  app.onError(createErrorHandler(logger))
  app.get('/', () => {
    throw error
  })
  return app
}

describe('the error handler (in process)', () => {
  it('turns an unexpected fault into a 500 that names the request id and nothing of the internals', async () => {
    const response = await appThrowing(new Error('SELECT * FROM secrets failed at /srv/waka/db.ts:42')).request('/')
    expect(response.status).toBe(500)
    const body = await response.text()
    expect(JSON.parse(body)).toEqual({ error: { code: 'INTERNAL', message: 'unexpected fault; request id req-123', details: { requestId: 'req-123' } } })
    expect(body).not.toContain('SELECT')
    expect(logged.join('')).toContain('SELECT * FROM secrets')
  })

  it.each(ERROR_CODES.map((code) => [code]))('maps %s to its status with the one error shape', async (code) => {
    const response = await appThrowing(new WakaError(code, `a ${code} happened`, { details: { x: 1 }, hint: 'do this' })).request('/')
    expect(response.status).toBe(HTTP_STATUS_BY_CODE[code])
    expect(await response.json()).toEqual({ error: { code, message: `a ${code} happened`, details: { x: 1, hint: 'do this' } } })
  })

  it('counts JSON nesting without parsing, ignoring brackets inside strings', () => {
    expect(jsonDepth('{"a":[1,{"b":"[[[["}]}')).toBe(3)
    expect(jsonDepth('[]')).toBe(1)
    expect(jsonDepth('"{"')).toBe(0)
  })
})
