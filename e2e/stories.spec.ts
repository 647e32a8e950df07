// A scenario played as a story: its requests walked with Next and Previous, a link to one of them, a reload
// that comes back to the same place, and nothing typed lost without asking.
import { expect, test } from './fixtures'

const CONFLICT = '/?scenario=update-conflict'

test('the story shows its title, what to notice, and walks its requests', async ({ lab, page }) => {
  await lab.open(CONFLICT)
  await lab.speed('instant')
  const story = page.getByRole('region', { name: 'Story' })
  await expect(story.getByRole('heading', { name: 'Two writers, one resourceVersion' })).toBeVisible()
  await story.getByText('What to notice').click()
  await expect(story).toContainText('An update that carries a resourceVersion is a promise')
  await expect(page.getByTestId('story-position')).toHaveText('Request 1 of 4')
  await expect(page.getByRole('button', { name: 'Previous request' })).toBeDisabled()
  // The first request is a patch by name: the request bar names the object, the editor holds the patch.
  await expect(page.getByLabel('Verb')).toHaveValue('patch')
  await expect(page.getByLabel('Resource', { exact: true })).toHaveValue('configmaps')
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('settings')
  await expect(page.getByLabel('Patch type')).toHaveValue('merge')
  await expect.poll(() => lab.manifest()).toContain('"color": "green"')
  await expect(page.getByTestId('command-line')).toContainText('kubectl patch configmaps settings --type=merge')

  // Passed over without a send, request 1 still ran: the stale replace is refused.
  await page.getByRole('button', { name: 'Next request' }).click()
  await expect(page.getByTestId('story-position')).toHaveText('Request 2 of 4')
  await expect(page.getByLabel('Verb')).toHaveValue('update')
  await lab.send()
  await expect(lab.response.getByTestId('status-line')).toHaveText(/409 Conflict/)
  // The inspector opens on the stage that refused it.
  await expect(lab.inspector).toHaveAttribute('data-inspecting', 'validation')

  // Previous: back before request 1, which can be sent again and patches.
  await page.getByRole('button', { name: 'Previous request' }).click()
  await expect(page.getByTestId('story-position')).toHaveText('Request 1 of 4')
  await lab.send()
  await expect(lab.response.getByTestId('kubectl-output')).toHaveText('configmap/settings patched')

  await page.getByRole('button', { name: 'Start over' }).click()
  await expect(page.getByTestId('story-position')).toHaveText('Request 1 of 4')
  await expect(lab.statusLine).not.toHaveText(/HTTP/)
})

test('?request=n opens that request with the cluster the earlier ones made', async ({ lab, page }) => {
  await lab.open(`${CONFLICT}&request=4`)
  await lab.speed('instant')
  await expect(page.getByTestId('story-position')).toHaveText('Request 4 of 4')
  await expect(page.getByRole('button', { name: 'Next request' })).toBeDisabled()
  await lab.send()
  await expect(lab.response.getByTestId('kubectl-output')).toHaveText('configmap/settings patched (no change)')
})

test('a reload after three requests restores the position, the editor text and the cluster', async ({ lab, page }) => {
  await lab.open(CONFLICT)
  await lab.speed('instant')
  for (const [i, code] of [200, 409, 200].entries()) {
    if (i > 0) await page.getByRole('button', { name: 'Next request' }).click()
    await lab.send()
    await expect(lab.response.getByTestId('status-line')).toHaveText(new RegExp(` ${code} `))
  }
  await expect(page.getByTestId('story-position')).toHaveText('Request 3 of 4')
  const edited = (await lab.manifest()).replace('color: red', 'color: red # mine')
  await lab.setManifest(edited)
  await page.getByLabel('Dry run').check()

  await page.reload()
  await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled()
  await page.waitForFunction(() => window.__editor !== undefined)
  await expect(page.getByTestId('story-position')).toHaveText('Request 3 of 4')
  await expect(page.getByRole('status')).toContainText(
    'Restored where you were: request 3 of 4, the cluster rebuilt by replaying 3 requests.',
  )
  await expect.poll(() => lab.manifest()).toBe(edited)
  await expect(page.getByLabel('Dry run')).toBeChecked()
  // The cluster holds what the three requests made (color red): the last patch changes nothing.
  await lab.speed('instant')
  await page.getByRole('button', { name: 'Next request' }).click()
  await lab.send()
  await expect(lab.response.getByTestId('kubectl-output')).toHaveText('configmap/settings patched (no change)')
})

test('choosing another example asks before it drops unsent edits', async ({ lab, page }) => {
  await lab.open(CONFLICT)
  await lab.setManifest('{"data": {"color": "purple"}}\n')
  await page.getByRole('button', { name: 'Examples' }).click()
  await page.getByRole('list', { name: 'Examples' }).getByRole('button').filter({ hasText: 'Jane may read Pods' }).click()
  const dialog = page.getByRole('dialog', { name: 'Unsent edits' })
  await expect(dialog).toBeVisible()
  await dialog.getByRole('button', { name: 'Keep editing' }).click()
  await expect(dialog).toBeHidden()
  await expect.poll(() => lab.manifest()).toContain('purple')
  await expect(page.getByTestId('story-position')).toHaveText('Request 1 of 4')

  await page.getByRole('button', { name: 'Examples' }).click()
  await page.getByRole('list', { name: 'Examples' }).getByRole('button').filter({ hasText: 'Jane may read Pods' }).click()
  await dialog.getByRole('button', { name: 'Discard edits and open' }).click()
  await expect(page.getByRole('region', { name: 'Story' }).getByRole('heading')).toHaveText(/Jane may read Pods/)
})

test('opening a link to another example asks too, after restoring the edits', async ({ lab, page }) => {
  await lab.open(CONFLICT)
  await lab.setManifest('{"data": {"color": "teal"}}\n')
  await page.goto('/?scenario=pod-created')
  const dialog = page.getByRole('dialog', { name: 'Unsent edits' })
  await expect(dialog).toBeVisible()
  await dialog.getByRole('button', { name: 'Keep editing' }).click()
  await page.waitForFunction(() => window.__editor !== undefined)
  await expect.poll(() => lab.manifest()).toContain('teal')
})

test('the Examples menu: groups, search, arrow keys, Esc back to its button', async ({ lab, page }) => {
  await lab.open('/')
  const button = page.getByRole('button', { name: 'Examples' })
  await button.focus()
  await page.keyboard.press('Enter')
  const search = page.getByRole('searchbox', { name: 'Search examples' })
  await expect(search).toBeFocused()
  await expect(page.getByRole('heading', { name: 'Authentication' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Admission policies and webhooks' })).toBeVisible()
  await page.keyboard.type('quota')
  const items = page.getByRole('list', { name: 'Examples' }).getByRole('button')
  await expect(items).toHaveCount(4)
  await page.keyboard.press('ArrowDown')
  await expect(items.first()).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect(items.nth(1)).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(search).toBeHidden()
  await expect(button).toBeFocused()
})

test('the Examples menu stays inside the viewport at 390 px', async ({ lab, page }) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await lab.open('/')
  await page.getByRole('button', { name: 'Examples' }).click()
  const box = await page.getByRole('list', { name: 'Examples' }).boundingBox()
  expect(box).not.toBeNull()
  expect(box!.x).toBeGreaterThanOrEqual(0)
  expect(box!.x + box!.width).toBeLessThanOrEqual(390)
})

test('after Open file the header names the file', async ({ lab, page }) => {
  await lab.open('/')
  await page
    .getByLabel('Open file')
    .setInputFiles({ name: 'my-pod.yaml', mimeType: 'text/yaml', buffer: Buffer.from('kind: Pod\n') })
  await expect(page.getByTestId('opened-file')).toContainText('my-pod.yaml')
})

test('a successful create opens the inspector on the stage that changed it most', async ({ lab }) => {
  await lab.open('/?scenario=pod-created')
  await lab.speed('instant')
  await lab.send()
  await expect(lab.response.getByTestId('status-line')).toHaveText(/201 Created/)
  await expect(lab.inspector).toHaveAttribute('data-inspecting', 'decoding')
})

test('a dry run names no storage version: nothing was stored', async ({ lab, page }) => {
  await lab.open('/?scenario=pod-created')
  await lab.speed('instant')
  await page.getByLabel('Dry run').check()
  await lab.send()
  await expect(lab.response.getByTestId('status-line')).toHaveText(/201 Created/)
  await lab.select('storage')
  await expect(lab.inspector.getByTestId('version-not-stored')).toContainText('dry run')
  await expect(lab.inspector.getByTestId('version-storage')).toHaveCount(0)
})

test('a list request opens with its selectors, and the preview is kubectl get', async ({ lab, page }) => {
  await lab.open('/?scenario=list-selectors-paging')
  await expect(page.getByLabel('Verb')).toHaveValue('list')
  await expect(page.getByLabel('Label selector')).toHaveValue('app=web')
  await expect(page.getByLabel('Limit')).toHaveValue('2')
  await expect(page.getByTestId('command-line')).toContainText('kubectl get configmaps -l app=web')
  await page.getByLabel('Label selector').fill('app=db')
  await expect(page.getByTestId('command-line')).toContainText('kubectl get configmaps -l app=db')
})
