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
