/**
 * The API's OpenAPI document without a running server, for generating the dashboard's types
 * (`npm run api-types`). The routes are registered as the server registers them; no request is
 * ever served, so every dependency a handler would use refuses to be touched.
 */
import { createHttpApp, openApiConfig } from './app.ts'
import type { HttpDeps } from './http-deps.ts'

const untouchable = <T extends object>(name: string): T =>
  new Proxy({} as T, {
    get: (_target, key) => {
      throw new Error(`the OpenAPI document reached ${name}.${String(key)}: a route used a dependency while registering`)
    },
  })

/** The document as `GET /api/v1/openapi.json` serves it, `version` aside. */
export const openApiDocument = (version = '0.0.0'): unknown => {
  const deps: HttpDeps = {
    app: untouchable('app'),
    artifacts: untouchable('artifacts'),
    auth: untouchable('auth'),
    events: untouchable('events'),
    execution: untouchable('execution'),
    metrics: untouchable('metrics'),
    logger: untouchable('logger'),
    version,
    isReady: () => false,
    webRoot: null,
    publicOrigin: null,
  }
  return createHttpApp(deps).getOpenAPI31Document(openApiConfig(version))
}
