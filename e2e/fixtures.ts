// A page object for the lab (the tldraw habit) and a fixture that fails any test during which the page
// logged a console error or threw.
import { test as base, expect } from '@playwright/test'
import type { Locator, Page } from '@playwright/test'

export const STAGE_IDS = [
  'http',
  'authentication',
  'impersonation',
  'authorization',
  'decoding',
  'mutating-admission',
  'validation',
  'validating-admission',
  'storage',
] as const

interface TestEditor {
  setValue(text: string): void
  getValue(): string
  getTopForLineNumber(line: number): number
}

declare global {
  interface Window {
    __editor?: TestEditor
  }
}

export class Lab {
  readonly response: Locator
  readonly inspector: Locator
  readonly statusLine: Locator

  constructor(readonly page: Page) {
    this.response = page.getByTestId('response')
    this.inspector = page.getByTestId('inspector')
    this.statusLine = page.getByTestId('status-line')
  }

  /** Opens the app and waits until the cluster is loaded and the editor is up. */
  async open(path = '/') {
    await this.page.goto(path)
    await expect(this.page.getByRole('button', { name: 'Send' })).toBeEnabled()
    await this.page.waitForFunction(() => window.__editor !== undefined)
  }

  /** Bulk text goes through Monaco's API: typed YAML gets auto-indented (stack-notes G9). */
  async setManifest(text: string) {
    await this.page.evaluate((t) => window.__editor!.setValue(t), text)
  }

  manifest() {
    return this.page.evaluate(() => window.__editor!.getValue())
  }

  async speed(value: '0.5' | '1' | '2' | 'instant') {
    await this.page.getByLabel('Speed').selectOption(value)
  }

  async send() {
    await this.page.getByRole('button', { name: 'Send' }).click()
  }

  node(stage: string) {
    return this.page.locator(`.react-flow [data-stage="${stage}"]`)
  }

  async expectState(stage: string, state: string | RegExp) {
    await expect(this.node(stage)).toHaveAttribute('data-state', state)
  }

  async select(stage: string) {
    await this.node(stage).click()
    await expect(this.inspector).toHaveAttribute('data-inspecting', stage)
  }

  async screenshot(name: string) {
    await this.page.screenshot({ path: `test-results/screenshots/${name}.png` })
  }
}

export const test = base.extend<{ lab: Lab }>({
  lab: async ({ page }, use) => {
    const errors: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    page.on('pageerror', (error) => errors.push(error.message))
    await use(new Lab(page))
    expect(errors, 'console errors during the test').toEqual([])
  },
})

export { expect }

export const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
`
