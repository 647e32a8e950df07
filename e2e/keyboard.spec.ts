import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'

/** The focused element draws a ring: an outline, or a box-shadow where the design uses one. */
async function expectFocusRing(page: Page) {
  const ring = await page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null
    if (!element || element === document.body) return 'nothing focused'
    const style = getComputedStyle(element)
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1
    return outline || style.boxShadow !== 'none' ? 'ring' : `no ring on ${element.outerHTML.slice(0, 80)}`
  })
  expect(ring).toBe('ring')
}

/** Presses Tab until `target` has focus, checking the ring at every stop on the way. */
async function tabTo(page: Page, target: Locator, limit = 80) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab')
    if (await target.evaluate((el) => el === document.activeElement)) return
    const inEditor = await page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'))
    // Tab indents inside the editor; Esc is the way out.
    if (inEditor) await page.keyboard.press('Escape')
    else await expectFocusRing(page)
  }
  throw new Error(`Tab never reached ${target.toString()}`)
}

test('keyboard only: load an example, send it, step through it and open each stage', async ({
  lab,
  page,
}) => {
  await lab.open('/?scenario=pod-created')
  await page.locator('body').click({ position: { x: 1, y: 1 } })

  const examples = page.getByRole('button', { name: /Examples/ })
  await tabTo(page, examples)
  await page.keyboard.press('Enter')
  const forbidden = page.locator('[data-example="rbac-forbidden"]')
  await tabTo(page, forbidden)
  await page.keyboard.press('Enter')
  await expect(page.locator('.app-header__scenario')).toContainText('Jane may read Pods')

  // Ctrl+Enter sends wherever focus is, even in the editor, which would otherwise insert a line.
  await page.locator('.monaco-editor textarea').focus()
  const before = await lab.manifest()
  await page.keyboard.press('Control+Enter')
  await expect(page.getByRole('slider', { name: 'Timeline' })).toBeVisible()
  expect(await lab.manifest()).toBe(before)

  // Esc leaves the editor for the next control.
  await page.keyboard.press('Escape')
  expect(await page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'))).toBe(false)
  expect(await page.evaluate(() => document.activeElement !== document.body)).toBe(true)

  // K pauses, J and L step, and the slider moves with the arrows.
  const slider = page.getByRole('slider', { name: 'Timeline' })
  await page.keyboard.press('k')
  await expect(page.getByRole('button', { name: /^(Play|Replay)$/ })).toBeVisible()
  await tabTo(page, slider)
  await page.keyboard.press('Home')
  await expect(slider).toHaveAttribute('aria-valuenow', '1')
  await lab.expectState('http', 'active')
  await page.keyboard.press('ArrowRight')
  await expect(slider).toHaveAttribute('aria-valuenow', '2')
  await lab.expectState('authentication', 'active')
  await page.keyboard.press('l')
  await expect(slider).toHaveAttribute('aria-valuenow', '3')
  await page.keyboard.press('j')
  await expect(slider).toHaveAttribute('aria-valuenow', '2')
  await page.keyboard.press('End')
  await expect(lab.statusLine).toHaveText('HTTP/1.1 403 Forbidden')

  // Each stage of the diagram is a Tab stop; Enter opens it in the inspector.
  for (const stage of [
    'client',
    'http',
    'authentication',
    'authorization',
    'mutating-admission',
    'storage',
  ]) {
    const node = page.locator(`.react-flow__node[data-id="${stage}"]`)
    await node.focus()
    await expectFocusRing(page)
    await page.keyboard.press('Enter')
    await expect(lab.inspector).toHaveAttribute('data-inspecting', stage)
  }
})

test('? opens the shortcuts, Esc closes them and focus comes back', async ({ lab, page }) => {
  await lab.open('/?scenario=pod-created')
  const button = page.getByRole('button', { name: 'Keyboard shortcuts' })
  await button.focus()
  await page.keyboard.press('Enter')
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(help).toBeVisible()
  await expect(help).toContainText('Send the request')
  await expect(help).toContainText('Leave the editor')
  await page.keyboard.press('Escape')
  await expect(help).toBeHidden()
  await expect(button).toBeFocused()

  // The ? key works when focus is not in a field; typing ? in the editor types it.
  await page.locator('body').click({ position: { x: 1, y: 1 } })
  await page.keyboard.press('?')
  await expect(help).toBeVisible()
  await page.keyboard.press('Escape')
  await page.locator('.monaco-editor textarea').focus()
  await page.keyboard.press('?')
  await expect(help).toBeHidden()
  expect(await lab.manifest()).toContain('?')
})

test('the editor says how Tab behaves there, and Ctrl+M makes Tab leave it', async ({ lab, page }) => {
  await lab.open('/?scenario=pod-created')
  await expect(page.locator('.editor-pane')).toContainText('Tab indents')
  await expect(page.locator('.editor-pane')).toContainText('Esc leaves')
  const textarea = page.locator('.monaco-editor textarea')
  await textarea.focus()
  await page.keyboard.press('Control+m')
  await page.keyboard.press('Tab')
  expect(await page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'))).toBe(false)
})
