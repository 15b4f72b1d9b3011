import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { WakaError } from '../../core/errors.ts'
import type { HttpEnv } from '../http-deps.ts'

export const MAX_JSON_BYTES = 4 * 1024 * 1024
export const MAX_JSON_DEPTH = 32

/** Refuses request bodies over `maxBytes` with 413 PAYLOAD_TOO_LARGE. */
export const limitBody = (maxBytes: number): MiddlewareHandler<HttpEnv> =>
  bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new WakaError('PAYLOAD_TOO_LARGE', `request body over ${maxBytes} bytes`, { details: { maxBytes } })
    },
  })

/** How deeply a JSON text nests arrays and objects, counted without parsing it. */
export const jsonDepth = (text: string): number => {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (inString) {
      if (char === '\\') i++
      else if (char === '"') inString = false
    } else if (char === '"') inString = true
    else if (char === '{' || char === '[') deepest = Math.max(deepest, ++depth)
    else if (char === '}' || char === ']') depth--
  }
  return deepest
}

/** Refuses JSON bodies nested deeper than `maxDepth` before anything parses them. */
export const limitJsonDepth =
  (maxDepth = MAX_JSON_DEPTH): MiddlewareHandler<HttpEnv> =>
  async (c, next) => {
    if (c.req.header('content-type')?.includes('application/json')) {
      const depth = jsonDepth(await c.req.text())
      if (depth > maxDepth)
        throw new WakaError('INVALID_ARGUMENT', `JSON body nested ${depth} levels deep; at most ${maxDepth}`, { details: { maxDepth } })
    }
    await next()
  }
