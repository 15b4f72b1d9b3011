import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { out, type Io } from '../cli/output/io.ts'
import { stopLocalTarget } from '../drivers/local/local-driver.ts'
import { Narrator } from './narrator.ts'
import { freePort } from './probe.ts'
import { demoConfig, type DemoPorts } from './sample-app.ts'
import { runStory } from './story.ts'

const prepareWorkspace = async (dir: string | null): Promise<string> => {
  if (dir === null) return mkdtemp(join(tmpdir(), 'waka-demo-'))
  const path = resolve(dir)
  if (existsSync(path) && (await readdir(path)).length > 0) throw new Error(`--dir ${path} is not empty; give a new or empty directory`)
  await mkdir(path, { recursive: true })
  return path
}

/**
 * `waka demo`: creates a workspace with a sample app and a waka.yml, then tells the whole story by
 * running real `waka` commands against real processes serving HTTP. Exits 0 only if every claim
 * checked out; stops every process it started unless `--keep`.
 */
export const runDemo = async (options: { keep: boolean; dir: string | null; io: Io }): Promise<number> => {
  const { io } = options
  const workspace = await prepareWorkspace(options.dir)
  const ports: DemoPorts = {
    web: { staging: await freePort(), production: await freePort() },
    api: { staging: await freePort(), production: await freePort() },
  }
  await writeFile(join(workspace, 'waka.yml'), demoConfig(ports, process.execPath))
  const wakaArgv = [process.argv[1] ?? 'waka']
  const narrator = new Narrator({ io, cwd: workspace, wakaArgv })
  out(io, `Waka demo in ${workspace}`)
  out(io, 'Two services (web, api), staging fed from main, production behind two approvals, real processes on 127.0.0.1.')
  try {
    await runStory({ narrator, workspace, ports })
  } catch (error) {
    narrator.check(false, `the story ran to its end (${error instanceof Error ? error.message : String(error)})`)
  } finally {
    if (!options.keep) {
      for (const service of ['web', 'api'])
        for (const environment of ['staging', 'production'])
          await stopLocalTarget(join(workspace, '.waka', 'targets', service, environment)).catch(() => undefined)
      await rm(workspace, { recursive: true, force: true })
    }
  }
  if (options.keep) {
    out(io, `\nThe workspace and its apps are still running: cd ${workspace}`)
    out(io, `  web:  staging http://127.0.0.1:${ports.web.staging}  production http://127.0.0.1:${ports.web.production}`)
    out(io, `  api:  staging http://127.0.0.1:${ports.api.staging}  production http://127.0.0.1:${ports.api.production}`)
    out(io, `  try:  ${process.execPath} ${wakaArgv.join(' ')} status --as alice`)
  }
  if (narrator.failures.length) {
    out(io, `\nThe demo did NOT behave as narrated (${narrator.failures.length} claim(s) failed):`)
    for (const failure of narrator.failures) out(io, `  - ${failure}`)
    return 1
  }
  out(io, '\nEvery step behaved as narrated.')
  return 0
}
