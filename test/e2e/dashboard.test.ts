import { mkdir } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import type { Browser, BrowserContext, Page, Response } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../helpers/browser.ts'
import { startDashboardServer, type AppPorts, type DashboardServer, type Deployment } from '../helpers/dashboard-kit.ts'

const COMMIT_V1 = 'a1'.repeat(20)
const COMMIT_V2 = 'b2'.repeat(20)

/** The sample app behind a health check; staging follows main, production needs one approval from the group, never the requester's. */
const config = (node: string, ports: AppPorts) => `version: 1
services:
  web:
    repository: { name: acme/web }
    health:
      http: { path: /healthz, expect: { status: 200, version: true }, successes: 1, failures: 2, interval: 100ms, timeout: 10s }
    environments:
      staging: { driver: { port: ${ports.staging} } }
      production: { driver: { port: ${ports.production} } }
environments:
  staging:
    autoDeploy: { branch: main }
    driver: { type: local, start: [${JSON.stringify(node)}, server.js] }
  production:
    promoteFrom: staging
    gates:
      approvals: { required: 1, from: [group:release-managers], allowSelfApproval: false }
    driver: { type: local, start: [${JSON.stringify(node)}, server.js] }
access:
  groups:
    release-managers: [alice, bob]
  roles:
    "*": { viewer: [group:release-managers], admin: [user:root] }
    staging: { deployer: [user:alice] }
    production: { deployer: [user:alice], approver: [group:release-managers] }
`

/** A state-changing request the dashboard made, as the server saw it. */
interface Sent {
  readonly method: string
  readonly path: string
  readonly status: number
  readonly csrf: string | undefined
  readonly code: string | null
}

const WAIT = { timeout: 20_000 }

/** `npm run screenshot` sets WAKA_SCREENSHOT: the matrix for the README, cropped to what it shows. */
const screenshotForDocs = async (page: Page) => {
  const path = process.env['WAKA_SCREENSHOT']
  if (!path) return
  const table = await page.getByRole('table', { name: 'Services by environment' }).boundingBox()
  if (!table) throw new Error('the matrix is not on screen')
  await mkdir(dirname(resolve(path)), { recursive: true })
  await page.screenshot({ path: resolve(path), clip: { x: 0, y: 0, width: page.viewportSize()?.width ?? 1180, height: Math.ceil(table.y + table.height + 24) } })
}

describe('the dashboard in Chromium (real server, real deployments)', () => {
  let server: DashboardServer
  let browser: Browser
  let aliceContext: BrowserContext
  let bobContext: BrowserContext
  /** alice's matrix: never reloaded, so everything it shows after sign-in arrived live. */
  let alice: Page
  /** a second tab of alice's, for the deployment page and history. */
  let aliceTab: Page
  let tokens: { alice: string; bob: string }
  let v2: Deployment
  let promotionId = 0
  const sent: Promise<Sent | null>[] = []

  const record = (response: Response) => {
    const request = response.request()
    const path = new URL(request.url()).pathname
    if (request.method() === 'GET' || !path.startsWith('/api/') || path === '/api/v1/sessions') return
    sent.push(
      (async () => {
        const headers = await request.allHeaders()
        if (headers['x-test-probe']) return null
        const body = (await response.json().catch(() => null)) as { error?: { code: string } } | null
        return { method: request.method(), path, status: response.status(), csrf: headers['x-csrf-token'], code: body?.error?.code ?? null }
      })(),
    )
  }

  const newContext = async () => {
    const context = await browser.newContext({ viewport: { width: 1180, height: 640 } })
    context.setDefaultTimeout(10_000)
    context.on('response', record)
    return context
  }

  const signIn = async (context: BrowserContext, token: string, user: string) => {
    const page = await context.newPage()
    await page.goto(server.url)
    await page.getByLabel('API token').fill(token)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByText(`Signed in as ${user}`).waitFor()
    return page
  }

  const cell = (page: Page, service: string, environment: string) => page.getByRole('region', { name: `${service} in ${environment}` })
  const liveVersion = async (page: Page, environment: string) => (await cell(page, 'web', environment).locator('.live .version').allTextContents()).join(',')

  beforeAll(async () => {
    server = await startDashboardServer({ config, admin: 'root' })
    tokens = { alice: await server.token('alice'), bob: await server.token('bob') }
    // v1 is live in both environments before the browser opens; v2 reaches staging by itself
    await server.release(tokens.alice, 'v1.0.0', COMMIT_V1)
    const first = await server.api<{ deployment: Deployment }>(tokens.alice, 'POST', '/api/v1/promotions', { service: 'web', to: 'production' })
    await server.api(tokens.bob, 'POST', `/api/v1/deployments/${first.deployment.id}/approvals`, { decision: 'approve', comment: 'first release' })
    await server.waitFor(tokens.alice, first.deployment.id, 'succeeded')
    await server.release(tokens.alice, 'v2.0.0', COMMIT_V2)
    const [staging] = await server.api<Deployment[]>(tokens.alice, 'GET', '/api/v1/deployments?service=web&environment=staging&limit=1')
    if (!staging) throw new Error('no staging deployment of v2.0.0')
    v2 = await server.waitFor(tokens.alice, staging.id, 'succeeded')
    browser = await launchChromium()
    aliceContext = await newContext()
    bobContext = await newContext()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('signs alice in and requests a promotion whose confirmation names the release', async () => {
    alice = await signIn(aliceContext, tokens.alice, 'alice')
    await alice.evaluate(() => Object.assign(globalThis, { wakaSamePage: true }))
    await expect.poll(() => liveVersion(alice, 'production'), WAIT).toBe('v1.0.0')
    expect(await liveVersion(alice, 'staging')).toBe('v2.0.0')

    await cell(alice, 'web', 'production').getByRole('button', { name: 'Promote' }).click()
    const dialog = alice.getByRole('dialog')
    const digest = v2.releaseDigest.slice(0, 'sha256:'.length + 4)
    await expect.poll(() => dialog.getByRole('heading').textContent()).toBe(`Promote web v2.0.0 (${digest}…) to production?`)
    await dialog.getByRole('button', { name: 'Promote' }).click()
    await dialog.waitFor({ state: 'detached' })

    await cell(alice, 'web', 'production').getByText('awaiting approval').waitFor()
    const link = await cell(alice, 'web', 'production').getByRole('link', { name: /promotion of v2\.0\.0/ }).textContent()
    promotionId = Number(/#(\d+)/.exec(link ?? '')?.[1])
    expect(promotionId).toBeGreaterThan(0)
    await alice.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Approvals 1 pending' }).waitFor()
    await screenshotForDocs(alice)
  })

  it('shows the pending approval against what is live, and refuses alice approving her own request with the reason', async () => {
    await alice.getByRole('link', { name: /^Approvals/ }).click()
    const card = alice.getByRole('article', { name: `#${promotionId} promotion of web v2.0.0 to production` })
    await card.getByText('Approvals 0/1').waitFor()
    const compare = card.getByRole('link', { name: /Compare .* on GitHub/ })
    expect(await compare.getAttribute('href')).toBe(`https://github.com/acme/web/compare/${COMMIT_V1}...${COMMIT_V2}`)
    const comparison = await card.getByRole('table').textContent()
    for (const fact of ['v1.0.0', 'v2.0.0', COMMIT_V1.slice(0, 7), COMMIT_V2.slice(0, 7), 'main', 'alice']) expect(comparison).toContain(fact)

    await card.getByRole('button', { name: 'Approve' }).click()
    await card.getByRole('alert').getByText('A comment is required to approve.').waitFor()
    await card.getByLabel('Comment').fill('my own change, looks fine')
    await card.getByRole('button', { name: 'Approve' }).click()
    await card.getByRole('alert').getByText(`alice requested deployment #${promotionId}; production requires approval by someone else`).waitFor()
    await alice.getByRole('link', { name: 'Environments' }).click()
    await cell(alice, 'web', 'production').waitFor()
  })

  it('bob approves with a comment; alice sees production, the timeline and the log change live', async () => {
    aliceTab = await aliceContext.newPage()
    await aliceTab.goto(`${server.url}/deployments/${promotionId}`)
    await aliceTab.getByRole('heading', { name: new RegExp(`#${promotionId} promotion of web v2.0.0 to production`) }).waitFor()
    await aliceTab.getByRole('log', { name: 'Deployment log' }).getByText('No log lines yet.').waitFor()

    const bob = await signIn(bobContext, tokens.bob, 'bob')
    await bob.getByRole('link', { name: /^Approvals/ }).click()
    const card = bob.getByRole('article', { name: `#${promotionId} promotion of web v2.0.0 to production` })
    await card.getByLabel('Comment').fill('checked the diff')
    await card.getByRole('button', { name: 'Approve' }).click()
    await bob.getByRole('status').getByText(`You approved #${promotionId} (1/1).`).waitFor()

    await expect.poll(() => liveVersion(alice, 'production'), WAIT).toBe('v2.0.0')
    await cell(alice, 'web', 'production').getByText('succeeded').waitFor()
    expect(await alice.evaluate(() => (globalThis as { wakaSamePage?: boolean }).wakaSamePage)).toBe(true)

    // the tab opened before the approval: its log lines all came over the event stream
    const log = aliceTab.getByRole('log', { name: 'Deployment log' })
    await log.getByText('health: done').waitFor(WAIT)
    expect(await log.textContent()).toContain('activate: done')
    await aliceTab.getByRole('heading', { name: new RegExp(`#${promotionId} promotion of web v2.0.0 to production succeeded`) }).waitFor(WAIT)
    const timeline = aliceTab.getByRole('list', { name: 'Timeline' })
    const story = await timeline.textContent()
    for (const step of ['alice requested promotion', 'bob approved', 'checked the diff', 'started running', 'prepare succeeded', 'health succeeded', 'epoch']) expect(story).toContain(step)
  })

  it('rolls production back from the matrix after naming the target, and history follows live', async () => {
    await aliceTab.bringToFront()
    await aliceTab.getByRole('link', { name: 'History' }).first().click()
    await aliceTab.getByLabel('Environment').selectOption('production')
    await expect.poll(() => new URL(aliceTab.url()).search).toBe('?environment=production')
    const rows = aliceTab.getByRole('table', { name: 'Deployments' }).getByRole('row')
    await expect.poll(() => rows.count(), WAIT).toBe(3)

    // a background tab's timers are throttled; a person would switch to it first
    await alice.bringToFront()
    await cell(alice, 'web', 'production').getByRole('button', { name: 'Roll back' }).click()
    const dialog = alice.getByRole('dialog')
    await expect.poll(() => dialog.getByRole('heading').textContent()).toBe('Roll back web in production to v1.0.0?')
    await dialog.getByLabel('Reason (optional)').fill('v2 misbehaves')
    await dialog.getByRole('button', { name: 'Roll back' }).click()
    await dialog.waitFor({ state: 'detached' })
    await expect.poll(() => liveVersion(alice, 'production'), WAIT).toBe('v1.0.0')
    expect(await alice.evaluate(() => (globalThis as { wakaSamePage?: boolean }).wakaSamePage)).toBe(true)

    await expect.poll(() => rows.count(), WAIT).toBe(4)
    await expect.poll(async () => (await rows.nth(1).textContent()) ?? '', WAIT).toMatch(/rollback.*v1\.0\.0.*succeeded.*alice/)
    await aliceTab.bringToFront()
    await aliceTab.getByLabel('Status').selectOption('awaiting_approval')
    await aliceTab.getByText('No deployments match.').waitFor()
  })

  it('charts the DORA metrics per week, with the totals the API computes (the rollback failed the change before it)', async () => {
    await alice.bringToFront()
    await alice.getByRole('link', { name: 'Delivery' }).click()
    const section = alice.getByRole('region', { name: 'DORA metrics' })
    await section.waitFor(WAIT)
    const report = await server.api<{ weeks: unknown[]; totals: { deployments: number; failures: number; changeFailureRate: number } }>(tokens.alice, 'GET', '/api/v1/metrics/dora')
    expect(report.totals.failures).toBeGreaterThanOrEqual(1)
    const figures = section.locator('figure.dora-chart')
    await expect.poll(() => figures.count()).toBe(5)
    const changeFailure = section.locator('figure[data-metric="change-failure"]')
    expect(await changeFailure.locator('.dora-total').textContent()).toBe(`${Math.round(report.totals.changeFailureRate * 100)}%`)
    expect(await changeFailure.getByRole('img').getAttribute('aria-label')).toMatch(/^Change failure rate per week: \d+% over the window$/)
    const bars = section.locator('figure[data-metric="deployments"] rect')
    expect(await bars.count()).toBe(report.weeks.length)
    expect(await bars.last().locator('title').textContent()).toMatch(new RegExp(`^\\d{4}-W\\d{2}: ${report.totals.deployments}$`))
    await alice.getByLabel('Environment').selectOption('staging')
    await expect.poll(() => new URL(alice.url()).search).toBe('?environment=staging')
    await expect.poll(async () => (await section.textContent()) ?? '', WAIT).toContain('in staging')
  })

  it('every change the UI sent carried the CSRF token; the same request without it is refused', async () => {
    const probe = await alice.evaluate(async () => {
      const response = await fetch('/api/v1/environments/production/freeze', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-test-probe': '1' },
        body: JSON.stringify({ reason: 'no token' }),
      })
      return { status: response.status, body: (await response.json()) as { error: { code: string; message: string } } }
    })
    expect(probe.status).toBe(403)
    expect(probe.body.error).toMatchObject({ code: 'FORBIDDEN', message: 'missing or wrong x-csrf-token header' })
    const status = await server.api<{ targets: { environment: string; freeze: unknown }[] }>(tokens.alice, 'GET', '/api/v1/status')
    expect(status.targets.every((target) => target.freeze === null)).toBe(true)

    const requests = (await Promise.all(sent)).filter((request) => request !== null)
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual(
      expect.arrayContaining(['POST /api/v1/promotions', `POST /api/v1/deployments/${promotionId}/approvals`, 'POST /api/v1/rollbacks']),
    )
    for (const request of requests) expect(request.csrf, `${request.method} ${request.path}`).toMatch(/.{20,}/)
    const refused = requests.filter((request) => request.status >= 400)
    expect(refused).toEqual([expect.objectContaining({ path: `/api/v1/deployments/${promotionId}/approvals`, status: 403, code: 'SELF_APPROVAL_FORBIDDEN' })])
  })

  it('signs out: the session ends on the server too', async () => {
    await alice.bringToFront()
    await alice.getByRole('button', { name: 'Sign out' }).click()
    await alice.getByLabel('API token').waitFor()
    const status = await aliceTab.evaluate(async () => (await fetch('/api/v1/status')).status)
    expect(status).toBe(401)
  })
})
