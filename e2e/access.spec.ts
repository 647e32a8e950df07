import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

const panel = (page: Page) => page.getByRole('dialog', { name: 'Access', exact: true })
const tab = (page: Page, name: string) => panel(page).getByRole('tab', { name })

async function openAccess(page: Page) {
  await page.getByRole('button', { name: 'Access', exact: true }).click()
  await expect(panel(page)).toBeVisible()
}

async function askWhoCan(page: Page, verb: string, resource: string, namespace: string) {
  await tab(page, 'Who can…').click()
  await panel(page).getByLabel('Who-can verb').selectOption(verb)
  await panel(page).getByLabel('Who-can resource').fill(resource)
  await panel(page).getByLabel('Who-can namespace').selectOption(namespace)
  await panel(page).getByRole('button', { name: 'Ask' }).click()
  await expect(panel(page).getByTestId('who-can-summary')).toContainText(
    `${verb} ${resource} in namespace ${namespace}`,
  )
  return panel(page).getByTestId('who-can-results')
}

test('the Access view: graph with filters, who can, and the matrix of one subject', async ({ lab, page }) => {
  await lab.open('/?scenario=rbac-forbidden')
  await openAccess(page)

  // The graph hides the bootstrap policy by default, so the scenario's own binding stands out.
  const graph = panel(page).getByTestId('access-graph')
  await expect(graph.getByTestId('access-node-subject').filter({ hasText: 'developers' })).toBeVisible()
  await expect(
    graph.getByTestId('access-node-binding').filter({ hasText: 'developers-read-pods' }),
  ).toBeVisible()
  await expect(graph.getByTestId('access-node-role').filter({ hasText: 'pod-reader' })).toBeVisible()
  await expect(
    graph.getByTestId('access-node-rule').filter({ hasText: 'get, list, watch on pods' }),
  ).toBeVisible()
  await expect(graph.getByText('system:masters')).toHaveCount(0)
  const count = panel(page).getByTestId('access-graph-count')
  const countText = async () => Number(/^(\d+) of/.exec((await count.textContent()) ?? '')?.[1])
  await expect(count).toHaveText(/^\d+ of \d+ bindings/)
  const fewer = await countText()
  await panel(page)
    .getByLabel(/Hide system: objects/)
    .uncheck()
  await expect.poll(countText).toBeGreaterThan(fewer)
  await panel(page)
    .getByLabel(/Hide system: objects/)
    .check()
  await panel(page).getByLabel('Graph namespace').selectOption('dev')
  await expect(graph.getByTestId('access-node-subject').filter({ hasText: 'developers' })).toBeVisible()

  // Focus on one subject: only its paths remain.
  await graph.getByTestId('access-node-subject').filter({ hasText: 'developers' }).click()
  await expect(panel(page).getByTestId('access-focus')).toContainText('developers')
  await expect(graph.getByTestId('access-node-subject')).toHaveCount(1)

  // Who can create pods in dev: the admins, never jane or her group.
  const create = await askWhoCan(page, 'create', 'pods', 'dev')
  await expect(create.locator('[data-subject="kubeadm:cluster-admins"]')).toBeVisible()
  await expect(create.locator('[data-subject="kubernetes-admin"]')).toBeVisible()
  await expect(create.locator('[data-subject="jane"]')).toHaveCount(0)
  await expect(create.locator('[data-subject="developers"]')).toHaveCount(0)
  // Listing them is what the developers' RoleBinding grants.
  const list = await askWhoCan(page, 'list', 'pods', 'dev')
  await expect(list.locator('[data-subject="jane"]')).toContainText('developers-read-pods')
  await expect(list.locator('[data-subject="developers"]')).toBeVisible()

  // The matrix for jane in dev.
  await tab(page, 'Subject matrix').click()
  await panel(page).getByLabel('Matrix subject').selectOption('identity:jane')
  await panel(page).getByLabel('Matrix namespace').selectOption('dev')
  const pods = panel(page).getByTestId('access-matrix').locator('tr[data-resource="pods"]')
  await expect(pods.locator('[data-verb="get"]')).toHaveAttribute('data-allowed', 'true')
  await expect(pods.locator('[data-verb="list"]')).toHaveAttribute('data-allowed', 'true')
  await expect(pods.locator('[data-verb="create"]')).toHaveAttribute('data-allowed', 'false')
  await expect(
    panel(page).getByTestId('access-matrix').locator('tr[data-resource="nodes"] [data-verb="list"]'),
  ).toHaveAttribute('data-allowed', 'false')
})

test('a refused request explains itself, and "Apply fix" makes the resend pass', async ({ lab, page }) => {
  await lab.open('/?scenario=rbac-forbidden')
  await expect(page.getByLabel('User', { exact: true })).toHaveValue('jane')
  // The persona: jane's credential and the user the API server makes of it.
  const persona = page.getByTestId('persona')
  await expect(persona).toContainText('bearer token jane-token')
  await expect(persona).toContainText('jane')
  await expect(persona).toContainText('developers')
  await expect(persona).toContainText('system:authenticated')

  await lab.speed('instant')
  await lab.send()
  await expect(lab.statusLine).toHaveText('HTTP/1.1 403 Forbidden')
  await lab.select('authorization')
  await expect(lab.inspector.locator('.entry__details').first()).toBeVisible()
  const fix = lab.inspector.getByTestId('suggested-fix')
  await expect(fix).toContainText('kind: RoleBinding')
  await fix.getByRole('button', { name: 'Apply fix' }).click()
  await expect(lab.statusLine).toHaveText('HTTP/1.1 201 Created')
})

test('kubectl auth can-i and whoami from the request bar', async ({ lab, page }) => {
  await lab.open('/?scenario=rbac-forbidden')
  await lab.speed('instant')
  await page.getByLabel('Verb', { exact: true }).selectOption('can-i')
  await page.getByLabel('can-i verb').fill('list')
  await page.getByLabel('can-i resource').fill('pods')
  await page.getByLabel('Namespace', { exact: true }).selectOption('dev')
  await expect(page.getByTestId('command-line')).toContainText(
    'kubectl auth can-i list pods -n dev --user=jane',
  )
  await lab.send()
  await expect(page.getByTestId('kubectl-output')).toHaveText('yes')
  await page.getByLabel('can-i verb').fill('create')
  await lab.send()
  await expect(page.getByTestId('kubectl-output')).toContainText('no')
  await page.getByLabel('--list').check()
  await lab.send()
  await expect(page.getByTestId('kubectl-output')).toContainText('pods')

  await page.getByLabel('Verb', { exact: true }).selectOption('whoami')
  await lab.send()
  await expect(page.getByTestId('kubectl-output')).toContainText('jane')
  await expect(page.getByTestId('kubectl-output')).toContainText('developers')
})

for (const theme of ['light', 'dark'] as const) {
  test(`Access view screenshots at 1920×1080 and 800×600, ${theme} theme`, async ({ lab, page }) => {
    await page.emulateMedia({ colorScheme: theme })
    await page.setViewportSize({ width: 1920, height: 1080 })
    await lab.open('/?scenario=rbac-forbidden')
    await openAccess(page)
    await expect(panel(page).getByTestId('access-node-rule').first()).toBeVisible()
    await lab.screenshot(`access-1920-${theme}-graph`)
    await panel(page)
      .getByLabel(/Hide system: objects/)
      .uncheck()
    await expect(panel(page).getByTestId('access-graph-count')).toHaveText(/^\d{2,} of/)
    await lab.screenshot(`access-1920-${theme}-graph-system`)
    await askWhoCan(page, 'create', 'pods', 'dev')
    await lab.screenshot(`access-1920-${theme}-who-can`)
    await tab(page, 'Subject matrix').click()
    await panel(page).getByLabel('Matrix subject').selectOption('identity:jane')
    await expect(panel(page).getByTestId('access-matrix')).toBeVisible()
    await lab.screenshot(`access-1920-${theme}-matrix`)

    await page.setViewportSize({ width: 800, height: 600 })
    await lab.screenshot(`access-800-${theme}-matrix`)
    await tab(page, 'Bindings graph').click()
    await expect(panel(page).getByTestId('access-node-rule').first()).toBeVisible()
    await lab.screenshot(`access-800-${theme}-graph`)
    await askWhoCan(page, 'create', 'pods', 'dev')
    await lab.screenshot(`access-800-${theme}-who-can`)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800)
  })
}
