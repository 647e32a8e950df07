import { POD, expect, test } from './fixtures'

test('the header: product, version, examples menu, open file, theme', async ({ lab, page }) => {
  await lab.open('/')
  await expect(page.getByRole('heading', { name: 'Kube API Lab' })).toBeVisible()
  await expect(page.getByText('v1.35')).toBeVisible()

  await page.getByRole('button', { name: 'Examples' }).click()
  const items = page.getByRole('list', { name: 'Examples' }).getByRole('button')
  expect(await items.count()).toBeGreaterThanOrEqual(4)
  await items.filter({ hasText: 'namespace that does not exist' }).click()
  await expect(page.locator('.app-header__scenario')).toContainText(
    'Creating into a namespace that does not exist',
  )
  await expect.poll(() => lab.manifest()).toContain('kind:')

  // Verb, User and Namespace list their choices as options.
  await expect(page.getByLabel('Verb').locator('option')).toHaveText([
    'apply',
    'create',
    'get',
    'list',
    'watch',
    'update',
    'patch',
    'delete',
    'can-i',
    'whoami',
  ])
  await expect(page.getByLabel('User', { exact: true }).locator('option[value="anonymous"]')).toHaveCount(1)
  await expect(page.getByLabel('User', { exact: true }).locator('option[value="invalid-token"]')).toHaveCount(
    1,
  )
  await expect(page.getByLabel('Namespace').locator('option[value="kube-system"]')).toHaveCount(1)

  // Open file: a manifest lands in the editor.
  await page
    .getByLabel('Open file')
    .setInputFiles({ name: 'web.yaml', mimeType: 'text/yaml', buffer: Buffer.from(POD) })
  await expect.poll(() => lab.manifest()).toBe(POD)

  // Open file: a scenario replaces the cluster.
  const scenario =
    'name: from-disk\ntitle: A scenario from disk\ncluster:\n  users:\n    - name: sam\n      token: sam-token\n'
  await page
    .getByLabel('Open file')
    .setInputFiles({ name: 's.yaml', mimeType: 'text/yaml', buffer: Buffer.from(scenario) })
  await expect(page.locator('.app-header__scenario')).toContainText('A scenario from disk')
  await expect(page.getByLabel('User', { exact: true }).locator('option[value="sam"]')).toHaveCount(1)

  await page.getByRole('button', { name: 'Switch to dark theme' }).click()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
})

test('?scenario= opens that example', async ({ lab, page }) => {
  await lab.open('/?scenario=rbac-forbidden')
  await expect(page.locator('.app-header__scenario')).toContainText('Jane may read Pods in dev')
  await expect(page.getByLabel('User', { exact: true })).toHaveValue('jane')
  await expect(page.getByLabel('Namespace')).toHaveValue('dev')
  await expect.poll(() => lab.manifest()).toContain('name: debug')
})

test('editor text and request settings survive a reload', async ({ lab, page }) => {
  await lab.open('/')
  await lab.setManifest(POD)
  await page.getByLabel('Verb').selectOption('apply')
  await page.getByLabel('User', { exact: true }).selectOption('anonymous')
  await page.getByLabel('Dry run').check()
  await page.getByLabel('Impersonate user').fill('bob')
  await page.reload()
  await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled()
  await page.waitForFunction(() => window.__editor !== undefined)
  await expect.poll(() => lab.manifest()).toBe(POD)
  await expect(page.getByLabel('Verb')).toHaveValue('apply')
  await expect(page.getByLabel('User', { exact: true })).toHaveValue('anonymous')
  await expect(page.getByLabel('Dry run')).toBeChecked()
  await expect(page.getByLabel('Impersonate user')).toHaveValue('bob')
  await expect(page.getByTestId('command-line')).toContainText(
    'kubectl apply -f manifest.yaml --user=anonymous --as=bob --dry-run=server',
  )
})
