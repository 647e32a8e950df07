import type { Page } from '@playwright/test'
import { POD, expect, test } from './fixtures'

/** The vertical centres of the brand name and every header button, which share a row when the header fits. */
async function headerRowCentres(page: Page): Promise<number[]> {
  return page
    .locator('.brand__name, .app-header__actions .button, .app-header__actions .icon-button')
    .evaluateAll((elements) =>
      elements.map((e) => {
        const box = e.getBoundingClientRect()
        return box.top + box.height / 2
      }),
    )
}

function spread(values: number[]): number {
  return Math.max(...values) - Math.min(...values)
}

for (const theme of ['light', 'dark'] as const) {
  test(`screenshots at 1920×1080 and 800×600, ${theme} theme`, async ({ lab, page }) => {
    await page.emulateMedia({ colorScheme: theme })
    await lab.open('/?scenario=pod-created')
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
    await lab.screenshot(`1920-${theme}-start`)
    expect(spread(await headerRowCentres(page))).toBeLessThan(3)

    await lab.speed('instant')
    await lab.setManifest(POD)
    await lab.send()
    await expect(lab.statusLine).toHaveText('HTTP/1.1 201 Created')
    await lab
      .node('mutating-admission')
      .getByRole('button', { name: /plugins/ })
      .click()
    await lab.select('mutating-admission')
    await lab.screenshot(`1920-${theme}-mutated`)

    await page.setViewportSize({ width: 800, height: 600 })
    await lab.screenshot(`800-${theme}-top`)
    // The brand and the buttons keep one row; the shorter labels still carry the whole name.
    expect(spread(await headerRowCentres(page))).toBeLessThan(3)
    await expect(page.getByRole('button', { name: 'Reset cluster' })).toBeVisible()
    // Narrow: the panes stack in one column, and nothing is wider than the frame.
    const editor = await page.locator('.editor-pane').boundingBox()
    const journey = await page.locator('.journey').boundingBox()
    const details = await page.locator('.details').boundingBox()
    expect(journey!.y).toBeGreaterThanOrEqual(editor!.y + editor!.height)
    expect(details!.y).toBeGreaterThanOrEqual(journey!.y + journey!.height)
    expect(Math.abs(journey!.width - editor!.width)).toBeLessThan(2)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800)
    await page.locator('.journey').scrollIntoViewIfNeeded()
    await lab.screenshot(`800-${theme}-diagram`)
    await page.locator('.details').scrollIntoViewIfNeeded()
    await lab.screenshot(`800-${theme}-details`)
  })
}

test('prefers-reduced-motion: the token does not glide', async ({ lab, page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' })
  await lab.open('/?scenario=pod-created')
  await lab.speed('instant')
  await lab.send()
  const transition = await page
    .getByTestId('request-token')
    .evaluate((el) => getComputedStyle(el).transitionProperty)
  expect(transition).toBe('none')
})

/** Every node of the diagram lies inside the diagram's pane. */
async function expectNodesInsidePane(page: Page) {
  const pane = (await page.locator('.diagram').boundingBox())!
  const nodes = await page
    .locator('.react-flow__node')
    .evaluateAll((elements) => elements.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))
  expect(nodes.length).toBeGreaterThanOrEqual(10)
  for (const n of nodes) {
    expect(n.left).toBeGreaterThanOrEqual(pane.x - 1)
    expect(n.top).toBeGreaterThanOrEqual(pane.y - 1)
    expect(n.right).toBeLessThanOrEqual(pane.x + pane.width + 1)
    expect(n.bottom).toBeLessThanOrEqual(pane.y + pane.height + 1)
  }
}

/** The diagram's zoom: the scale of React Flow's viewport transform. */
async function zoom(page: Page): Promise<number> {
  return page
    .locator('.react-flow__viewport')
    .evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a)
}

const SIZES = [
  [390, 844],
  [600, 400],
  [800, 600],
  [1280, 800],
  [1920, 1080],
] as const

for (const [width, height] of SIZES) {
  test(`at ${width}×${height} a Send shows its answer, the diagram fits its pane, menus stay on screen`, async ({
    lab,
    page,
  }) => {
    await page.setViewportSize({ width, height })
    await lab.open('/?scenario=pod-created')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
    await lab.speed('instant')
    await lab.send()
    await expect(lab.statusLine).toHaveText('HTTP/1.1 201 Created')
    await expect(lab.statusLine).toBeInViewport()
    await expect(page.getByTestId('request-token')).toBeInViewport()
    await expect(async () => expectNodesInsidePane(page)).toPass()
    // Legible: node labels are drawn at no less than 40% of their size, most panes far more.
    expect(await zoom(page)).toBeGreaterThanOrEqual(0.45)
    await page.screenshot({ path: `test-results/screenshots/layout-${width}x${height}.png` })

    await page.evaluate(() => window.scrollTo(0, 0))
    await page.getByRole('button', { name: /Examples/ }).click()
    const menu = page.getByRole('list', { name: 'Examples' })
    await expect(menu).toBeVisible()
    const box = (await menu.boundingBox())!
    expect(box.x).toBeGreaterThanOrEqual(0)
    expect(box.y).toBeGreaterThanOrEqual(0)
    expect(box.x + box.width).toBeLessThanOrEqual(width)
    expect(box.y + box.height).toBeLessThanOrEqual(height)
    await page.screenshot({ path: `test-results/screenshots/layout-${width}x${height}-menu.png` })
  })
}

test('the scenario title stays readable at 1280 px', async ({ lab, page }) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  await lab.open('/?scenario=pod-created')
  const title = page.locator('.app-header__scenario')
  await expect(title).toBeVisible()
  const clipped = await title.evaluate((el) => el.scrollWidth > el.clientWidth + 1)
  expect(clipped).toBe(false)
})

test('below 700 px the diagram comes first and the manifest waits behind a tab', async ({ lab, page }) => {
  await page.setViewportSize({ width: 600, height: 400 })
  await lab.open('/?scenario=pod-created')
  await lab.speed('instant')
  const diagramTab = page.getByRole('tab', { name: 'Diagram' })
  const manifestTab = page.getByRole('tab', { name: 'Manifest' })
  await expect(diagramTab).toHaveAttribute('aria-selected', 'true')
  await expect(page.locator('.journey')).toBeVisible()
  await expect(page.locator('.editor-pane')).toBeHidden()

  await manifestTab.click()
  await expect(page.locator('.editor-pane')).toBeVisible()
  await expect(page.getByLabel('Verb')).toBeVisible()
  await expect(page.locator('.journey')).toBeHidden()

  // Sending from the manifest brings the diagram back, with the answer.
  await lab.send()
  await expect(diagramTab).toHaveAttribute('aria-selected', 'true')
  await expect(page.locator('.journey')).toBeVisible()
  await expect(lab.statusLine).toBeInViewport()
})

test('below 700 px the diagram view walks the story too', async ({ lab, page }) => {
  await page.setViewportSize({ width: 600, height: 400 })
  await lab.open('/?scenario=already-exists')
  await lab.speed('instant')
  await lab.send()
  await expect(lab.statusLine).toHaveText('HTTP/1.1 201 Created')
  await page.getByRole('button', { name: 'Next request' }).click()
  await expect(page.locator('.compact-tabs__position')).toHaveText('2/2')
  await lab.send()
  await expect(lab.statusLine).toHaveText('HTTP/1.1 409 Conflict')
  await expect(lab.statusLine).toBeInViewport()
})

test('open plugin lists and webhook servers keep the diagram legible at 1280 px', async ({ lab, page }) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  await lab.open('/?scenario=pod-created')
  await lab.speed('instant')
  await lab.send()
  await expect(lab.statusLine).toHaveText('HTTP/1.1 201 Created')
  const closed = await zoom(page)
  for (const stage of ['mutating-admission', 'validating-admission']) {
    await lab
      .node(stage)
      .getByRole('button', { name: /plugins/ })
      .click()
  }
  await expect(async () => expectNodesInsidePane(page)).toPass()
  await expect.poll(() => zoom(page)).toBeGreaterThanOrEqual(Math.min(closed, 0.55))

  await lab.open('/?scenario=istio-sidecar-injection')
  await lab.send()
  await expect(page.locator('.react-flow__node-webhook')).not.toHaveCount(0)
  await expect(async () => expectNodesInsidePane(page)).toPass()
  await expect.poll(() => zoom(page)).toBeGreaterThanOrEqual(0.45)
  await page.screenshot({ path: 'test-results/screenshots/layout-1280-webhooks.png' })
})
