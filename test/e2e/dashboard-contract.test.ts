import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDashboardServer, type DashboardServer } from '../helpers/dashboard-kit.ts'

const TYPES = resolve(import.meta.dirname, '../../web/src/api/types.ts')

/** The dashboard's hand-written API types, by the OpenAPI schema each mirrors: a component, or a path into one. */
const MIRRORS: Readonly<Record<string, string>> = {
  Session: 'Session',
  ReleaseSource: 'Release.source',
  PendingApproval: 'StatusReport.pendingApprovals[]',
  Release: 'Release',
  Deployment: 'Deployment',
  Approval: 'Approval',
  ApprovalTally: 'ApprovalTally',
  DeploymentStep: 'DeploymentStep',
  LogLine: 'LogLine',
  Lease: 'Lease',
  Freeze: 'Freeze',
  AutoDeployPause: 'AutoDeployPause',
  TargetStatus: 'TargetStatus',
  StatusReport: 'StatusReport',
  Pipeline: 'Pipeline',
  PipelineEnvironment: 'Environment',
  DeploymentDetail: 'DeploymentDetail',
  Requested: 'RequestedDeployment',
  Decision: 'Decision',
}

/** Each exported interface of web/src/api/types.ts with the names of its properties. */
const interfacesOf = (source: string): Map<string, string[]> => {
  const file = ts.createSourceFile('types.ts', source, ts.ScriptTarget.ES2022)
  const found = new Map<string, string[]>()
  for (const statement of file.statements)
    if (ts.isInterfaceDeclaration(statement))
      found.set(
        statement.name.text,
        statement.members.flatMap((member) => (ts.isPropertySignature(member) && ts.isIdentifier(member.name) ? [member.name.text] : [])),
      )
  return found
}

interface Schema {
  readonly $ref?: string
  readonly properties?: Record<string, Schema>
  readonly required?: readonly string[]
  readonly items?: Schema
  readonly anyOf?: readonly Schema[]
}

/** Follows `$ref`s and nullable unions to the object schema at `path` (`Name.field`, `[]` for array items). */
const schemaAt = (schemas: Record<string, Schema>, path: string): Schema | null => {
  const unwrap = (schema: Schema | undefined): Schema | undefined => {
    if (schema?.$ref) return unwrap(schemas[schema.$ref.replace('#/components/schemas/', '')])
    const nonNull = schema?.anyOf?.find((member) => member.$ref || member.properties)
    return nonNull ? unwrap(nonNull) : schema
  }
  const [root = '', ...steps] = path.split('.')
  let schema = unwrap(schemas[root.replace('[]', '')])
  for (const step of steps) {
    schema = unwrap(schema?.properties?.[step.replace('[]', '')])
    if (step.endsWith('[]')) schema = unwrap(schema?.items)
  }
  return schema ?? null
}

describe("the dashboard's API types match the server's OpenAPI document", () => {
  let server: DashboardServer
  let schemas: Record<string, Schema>
  beforeAll(async () => {
    server = await startDashboardServer({ config: () => 'version: 1\nservices:\n  web: {}\nenvironments:\n  staging:\n    driver: { type: local }\n', admin: 'root' })
    const response = await fetch(`${server.url}/api/v1/openapi.json`)
    schemas = ((await response.json()) as { components: { schemas: Record<string, Schema> } }).components.schemas
  })
  afterAll(() => server?.stop())

  it('every field the dashboard reads is a required property of the schema it mirrors', async () => {
    const interfaces = interfacesOf(await readFile(TYPES, 'utf8'))
    expect([...interfaces.keys()].sort()).toEqual(Object.keys(MIRRORS).sort())
    const missing: string[] = []
    for (const [name, fields] of interfaces) {
      const schema = schemaAt(schemas, MIRRORS[name] ?? name)
      if (!schema) {
        missing.push(`${name}: no schema at ${MIRRORS[name]}`)
        continue
      }
      for (const field of fields) if (!schema.required?.includes(field)) missing.push(`${name}.${field} (${MIRRORS[name]})`)
    }
    expect(missing).toEqual([])
  })
})
