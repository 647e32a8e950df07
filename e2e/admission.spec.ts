import type { Page } from '@playwright/test'
import { POD, expect, test } from './fixtures'

// Only long-stable plugin names appear here; the rest of the list is read from the app.
const panel = (page: Page) => page.getByRole('dialog', { name: 'Admission plugins' })
const toggle = (page: Page, name: string) => panel(page).getByRole('switch', { name, exact: true })
const flags = (page: Page) => panel(page).getByTestId('admission-flags')

async function openPanel(page: Page) {
  await page.getByRole('button', { name: /^Admission plugins/ }).click()
  await expect(panel(page)).toBeVisible()
}

async function closePanel(page: Page) {
  await page.keyboard.press('Escape')
  await expect(panel(page)).toBeHidden()
}

test('switching admission plugins reconfigures the cluster, survives a reload, and resets', async ({
  lab,
  page,
}) => {
  await lab.open('/?scenario=pod-created')
  await openPanel(page)
  const rows = panel(page).locator('[data-plugin]')
  const names = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-plugin')))
  // The chain's order: NamespaceLifecycle comes first among these, whatever gets added around them.
  const at = (name: string) => names.indexOf(name)
  expect(at('NamespaceLifecycle')).toBeGreaterThanOrEqual(0)
  expect(at('NamespaceLifecycle')).toBeLessThan(at('AlwaysPullImages'))
  expect(at('AlwaysPullImages')).toBeLessThan(at('DefaultTolerationSeconds'))
  await expect(toggle(page, 'NamespaceLifecycle')).toBeChecked()
  await expect(toggle(page, 'AlwaysPullImages')).not.toBeChecked()
  await expect(toggle(page, 'DefaultTolerationSeconds')).toBeChecked()
  await expect(panel(page).locator('[data-plugin="AlwaysPullImages"]')).toContainText('optional')
  await expect(panel(page).locator('[data-plugin="AlwaysPullImages"] .phase--m')).toBeVisible()
  await expect(panel(page).locator('[data-plugin="AlwaysPullImages"] .phase--v')).toBeVisible()
  await expect(panel(page).locator('[data-plugin="DefaultTolerationSeconds"] .phase--v')).toHaveCount(0)
  await expect(panel(page).locator('[data-plugin="DefaultTolerationSeconds"]')).toContainText('on by default')
  await expect(panel(page)).toContainText('Changing plugins restarts the cluster from the scenario’s start.')
  await expect(flags(page)).toHaveText('none: the v1.35 default set')
  await expect(panel(page).getByRole('button', { name: 'Reset to v1.35 defaults' })).toBeDisabled()

  // AlwaysPullImages on: the Pod comes back with imagePullPolicy: Always, set in mutating admission.
  await toggle(page, 'AlwaysPullImages').click()
  await expect(toggle(page, 'AlwaysPullImages')).toBeChecked()
  await expect(flags(page)).toHaveText('--enable-admission-plugins=AlwaysPullImages')
  await closePanel(page)
  await lab.speed('instant')
  await page.getByLabel('Verb').selectOption('create')
  await lab.setManifest(POD)
  await lab.send()
  await expect(lab.statusLine).toHaveText('HTTP/1.1 201 Created')
  await lab
    .node('mutating-admission')
    .getByRole('button', { name: /plugins/ })
    .click()
  const nodePlugin = (name: string) => lab.node('mutating-admission').locator(`[data-plugin="${name}"]`)
  await expect(nodePlugin('AlwaysPullImages')).toHaveAttribute('data-state', 'mutated')
  await expect(page.getByTestId('response-body')).toContainText('"imagePullPolicy": "Always"')
  await lab.select('mutating-admission')
  const step = lab.inspector.locator('.entry[data-step="AlwaysPullImages"]')
  await expect(step).toHaveAttribute('data-outcome', 'mutated')
  await expect(step.getByRole('list', { name: 'JSON patch' })).toContainText('imagePullPolicy')
  await step.scrollIntoViewIfNeeded()
  await lab.screenshot('1920-light-always-pull-images')

  // DefaultTolerationSeconds off: the restarted cluster stores the Pod without tolerations.
  await openPanel(page)
  await toggle(page, 'DefaultTolerationSeconds').click()
  await expect(toggle(page, 'DefaultTolerationSeconds')).not.toBeChecked()
  await expect(flags(page)).toHaveText(
    '--enable-admission-plugins=AlwaysPullImages --disable-admission-plugins=DefaultTolerationSeconds',
  )
  await closePanel(page)
  await expect(page.getByRole('status').first()).toContainText('restarted from the scenario’s start')
  await lab.send()
  await expect(lab.statusLine).toHaveText('HTTP/1.1 201 Created')
  await expect(page.getByTestId('response-body')).toContainText('"imagePullPolicy": "Always"')
  await expect(page.getByTestId('response-body')).not.toContainText('tolerations')
  await expect(nodePlugin('DefaultTolerationSeconds')).toHaveCount(0)

  // Saved with the scenario: a reload comes back with the same plugins.
  await page.reload()
  await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled()
  await expect(page.getByTestId('admission-changed')).toContainText('2')
  await openPanel(page)
  await expect(toggle(page, 'AlwaysPullImages')).toBeChecked()
  await expect(toggle(page, 'DefaultTolerationSeconds')).not.toBeChecked()
  await expect(flags(page)).toHaveText(
    '--enable-admission-plugins=AlwaysPullImages --disable-admission-plugins=DefaultTolerationSeconds',
  )

  // Reset: the v1.35 defaults again.
  await panel(page).getByRole('button', { name: 'Reset to v1.35 defaults' }).click()
  await expect(toggle(page, 'AlwaysPullImages')).not.toBeChecked()
  await expect(toggle(page, 'DefaultTolerationSeconds')).toBeChecked()
  await expect(flags(page)).toHaveText('none: the v1.35 default set')
  await closePanel(page)
  await expect(page.getByTestId('admission-changed')).toHaveCount(0)
})

test('a namespace that warns at restricted: PodSecurity warnings reach the response', async ({
  lab,
  page,
}) => {
  await lab.open('/?scenario=pod-created')
  await lab.speed('instant')
  await page.getByLabel('Verb').selectOption('create')
  await page.getByLabel('Namespace').selectOption('')
  await lab.setManifest(`apiVersion: v1
kind: Namespace
metadata:
  name: locked
  labels:
    pod-security.kubernetes.io/warn: restricted
`)
  await lab.send()
  await expect(page.getByTestId('kubectl-output')).toHaveText('namespace/locked created')

  await lab.setManifest(POD.replace('  name: web\n', '  name: web\n  namespace: locked\n'))
  await lab.send()
  await expect(lab.statusLine).toHaveText('HTTP/1.1 201 Created')
  const warning = page
    .getByTestId('kubectl-output')
    .locator('.terminal__warning')
    .filter({ hasText: 'Warning: would violate PodSecurity "restricted:latest": ' })
  await expect(warning).toBeVisible()
  await expect(page.getByTestId('kubectl-output')).toContainText('pod/web created')
  await expect(page.getByTestId('response-warnings')).toContainText(
    'would violate PodSecurity "restricted:latest"',
  )
  await lab.select('validating-admission')
  await expect(lab.inspector.locator('.entry[data-step="PodSecurity"]')).toContainText('restricted:latest')
  await lab.screenshot('1920-light-podsecurity-warning')
  await page.locator('.response').screenshot({ path: 'test-results/screenshots/response-warning-light.png' })
  await page.getByRole('button', { name: 'Switch to dark theme' }).click()
  await page.locator('.response').screenshot({ path: 'test-results/screenshots/response-warning-dark.png' })
})

for (const theme of ['light', 'dark'] as const) {
  test(`admission panel screenshots at 1920×1080 and 800×600, ${theme} theme`, async ({ lab, page }) => {
    await page.emulateMedia({ colorScheme: theme })
    await lab.open('/?scenario=pod-created')
    await openPanel(page)
    await toggle(page, 'AlwaysPullImages').click()
    await expect(toggle(page, 'AlwaysPullImages')).toBeChecked()
    await toggle(page, 'DefaultTolerationSeconds').click()
    await expect(toggle(page, 'DefaultTolerationSeconds')).not.toBeChecked()
    await lab.screenshot(`admission-1920-${theme}`)

    await page.setViewportSize({ width: 800, height: 600 })
    const box = await panel(page).boundingBox()
    expect(box!.x).toBeGreaterThanOrEqual(0)
    expect(box!.x + box!.width).toBeLessThanOrEqual(800)
    expect(box!.height).toBeLessThanOrEqual(600)
    const list = panel(page).getByRole('list', { name: 'Admission plugins in chain order' })
    expect(await list.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true)
    // The footer with the flags and Reset stays on screen; the list scrolls.
    await expect(panel(page).getByRole('button', { name: 'Reset to v1.35 defaults' })).toBeInViewport()
    await lab.screenshot(`admission-800-${theme}`)
    await list.evaluate((el) => el.scrollTo(0, el.scrollHeight))
    await lab.screenshot(`admission-800-${theme}-end`)
    await closePanel(page)
    await lab.screenshot(`800-${theme}-header-admission`)
  })
}
