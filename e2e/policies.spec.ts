import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'

/** Opens an example from the header menu, as a learner would. */
async function openExample(page: Page, title: string) {
  await page.getByRole('button', { name: 'Examples' }).click()
  await page.getByRole('list', { name: 'Examples' }).getByRole('button').filter({ hasText: title }).click()
  await expect(page.locator('.app-header__scenario')).toContainText(title)
  await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled()
}

const policyStep = (inspector: Locator) => inspector.locator('.entry[data-step="ValidatingAdmissionPolicy"]')

/** One evaluation block of the inspector: a policy with one binding. */
const evaluation = (inspector: Locator, policy: string, binding: string) =>
  policyStep(inspector).locator(`.policy-eval[data-policy="${policy}"][data-binding="${binding}"]`)

test('a ValidatingAdmissionPolicy that denies, then admits: each validation with its result', async ({
  lab,
  page,
}) => {
  await lab.open('/')
  await openExample(page, 'A ValidatingAdmissionPolicy caps Deployment replicas')
  await expect.poll(() => lab.manifest()).toContain('replicas: 10')
  await lab.speed('instant')
  await lab.send()
  await expect(lab.statusLine).toHaveText('HTTP/1.1 422 Unprocessable Entity')
  await lab.expectState('validating-admission', 'rejected')
  await lab.select('validating-admission')

  const denied = evaluation(lab.inspector, 'max-replicas', 'max-replicas-test')
  await expect(denied).toHaveAttribute('data-decision', 'deny')
  await expect(denied.locator('.policy-decision')).toHaveText('denied')
  await expect(denied.locator('.policy-eval__meta')).toContainText('validationActions [Deny]')
  const validation = denied.locator('.expr').filter({ hasText: 'validations[0]' })
  await expect(validation).toHaveAttribute('data-result', 'false')
  await expect(validation.locator('.expr__code')).toHaveText('object.spec.replicas <= 5')
  await expect(validation.locator('.expr-badge')).toContainText('false')
  await expect(validation.locator('.expr__message')).toContainText(
    'failed expression: object.spec.replicas <= 5',
  )
  await expect(validation).toContainText('Invalid')
  await expect(validation.locator('.action-chip')).toHaveText(['Deny'])
  // The structured results replace the raw data dump of the step.
  await expect(policyStep(lab.inspector).locator('.entry__data')).toHaveCount(0)
  await denied.scrollIntoViewIfNeeded()
  await lab.screenshot('1920-light-vap-denied')

  // Three replicas pass the same rule.
  await lab.setManifest((await lab.manifest()).replace('replicas: 10', 'replicas: 3'))
  await lab.send()
  await expect(lab.statusLine).toHaveText('HTTP/1.1 201 Created')
  await lab.select('validating-admission')
  const admitted = evaluation(lab.inspector, 'max-replicas', 'max-replicas-test')
  await expect(admitted).toHaveAttribute('data-decision', 'admit')
  await expect(admitted.locator('.expr').filter({ hasText: 'validations[0]' })).toHaveAttribute(
    'data-result',
    'true',
  )
  await expect(admitted.locator('.expr__message')).toHaveCount(0)

  // In namespace prod the binding's namespaceSelector does not match: nothing is evaluated.
  await page.getByLabel('Namespace', { exact: true }).selectOption('prod')
  await lab.send()
  await expect(lab.statusLine).toHaveText('HTTP/1.1 201 Created')
  await lab.select('validating-admission')
  const skipped = evaluation(lab.inspector, 'max-replicas', 'max-replicas-test')
  await expect(skipped).toHaveAttribute('data-decision', 'skip')
  await expect(skipped).toContainText('matchResources do not match')
  await expect(skipped.locator('.expr')).toHaveCount(0)
})

test('Warn and messageExpression: the message each expression built', async ({ lab, page }) => {
  await page.emulateMedia({ colorScheme: 'dark' })
  await lab.open('/')
  await openExample(page, 'A policy in Warn mode, and a message built with messageExpression')
  await lab.speed('instant')
  await lab.send()
  await expect(lab.statusLine).toHaveText('HTTP/1.1 201 Created')
  await lab.select('validating-admission')

  const warned = evaluation(lab.inspector, 'require-team', 'require-team-warn')
  await expect(warned).toHaveAttribute('data-decision', 'warn')
  const validation = warned.locator('.expr').filter({ hasText: 'validations[0]' }).first()
  await expect(validation).toHaveAttribute('data-result', 'false')
  const messageExpression = validation.locator('.expr__nested .expr')
  await expect(messageExpression).toHaveAttribute('data-result', 'value')
  await expect(messageExpression.locator('.expr__code')).toHaveText(
    "'Deployment ' + object.metadata.name + ' has no team label'",
  )
  await expect(messageExpression.locator('.expr__value')).toHaveText('"Deployment web has no team label"')
  await expect(validation.locator('.expr__message')).toContainText(
    'Deployment web has no team label (from messageExpression)',
  )
  await expect(validation.locator('.action-chip')).toHaveText(['Warn'])
  // The Pod policy does not look at Deployments at all.
  const other = policyStep(lab.inspector).locator('.policy-eval[data-policy="trusted-registry"]')
  await expect(other).toHaveAttribute('data-decision', 'skip')
  await expect(other).toContainText('matchConstraints do not match')
  await warned.scrollIntoViewIfNeeded()
  await lab.screenshot('1920-dark-vap-warn')
  await other.scrollIntoViewIfNeeded()
  await lab.screenshot('1920-dark-vap-skipped')

  // A Pod with images from elsewhere: a 403 with the message messageExpression computed.
  await lab.setManifest(`apiVersion: v1
kind: Pod
metadata:
  name: tools
spec:
  containers:
    - {name: shell, image: busybox:1.36}
    - {name: app, image: registry.example.com/app:2.1}
    - {name: proxy, image: nginx:1.27}
`)
  await lab.send()
  await expect(lab.statusLine).toHaveText('HTTP/1.1 403 Forbidden')
  await lab.select('validating-admission')
  const registry = evaluation(lab.inspector, 'trusted-registry', 'trusted-registry')
  await expect(registry).toHaveAttribute('data-decision', 'deny')
  const rule = registry.locator('.expr').filter({ hasText: 'validations[0]' }).first()
  await expect(rule).toHaveAttribute('data-result', 'false')
  await expect(rule.locator('.expr__message-text')).toHaveText(
    'images must come from registry.example.com, not: busybox:1.36, nginx:1.27',
  )
  await expect(rule).toContainText('Forbidden')
  await registry.scrollIntoViewIfNeeded()
  await lab.screenshot('1920-dark-vap-message-expression')

  await page.setViewportSize({ width: 800, height: 600 })
  await registry.scrollIntoViewIfNeeded()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800)
  await lab.screenshot('800-dark-vap-message-expression')
})

interface MonacoLike {
  getDomNode(): HTMLElement
  getScrolledVisiblePosition(p: { lineNumber: number; column: number }): { left: number; top: number }
  revealLine(line: number): void
}

test('a type error in a policy: 422, and a marker on the exact characters', async ({ lab, page }) => {
  await lab.open('/')
  await openExample(page, 'CEL is type-checked when a policy is created')
  await expect.poll(() => lab.manifest()).toContain('params.maxReplicas')
  await lab.speed('instant')
  await lab.send()
  await expect(lab.statusLine).toHaveText('HTTP/1.1 422 Unprocessable Entity')
  await expect(page.getByTestId('kubectl-output')).toContainText("undeclared reference to 'params'")
  await expect(page.getByTestId('marker-count')).toHaveText('1 problem')

  // The manifest's line 10: `    - expression: object.spec.replicas <= params.maxReplicas`; `params` is
  // columns 43 to 48.
  const line = (await lab.manifest()).split('\n')[9]!
  expect(line.slice(42, 48)).toBe('params')
  const squiggle = page.locator('[data-testid="manifest-editor"] .squiggly-error').first()
  await expect(squiggle).toBeVisible()
  const box = (await squiggle.boundingBox())!
  const expected = await page.evaluate(() => {
    const editor = window.__editor as unknown as MonacoLike
    editor.revealLine(10)
    const dom = editor.getDomNode().getBoundingClientRect()
    const from = editor.getScrolledVisiblePosition({ lineNumber: 10, column: 43 })
    const to = editor.getScrolledVisiblePosition({ lineNumber: 10, column: 49 })
    return { left: dom.left + from.left, right: dom.left + to.left, top: dom.top + from.top }
  })
  expect(Math.abs(box.x - expected.left)).toBeLessThan(2)
  expect(Math.abs(box.x + box.width - expected.right)).toBeLessThan(2)
  // Monaco's text layer sits above the squiggle: move the mouse there rather than hover the element.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await expect(page.locator('.monaco-hover:not(.hidden)')).toContainText("undeclared reference to 'params'")
  await lab.screenshot('1920-light-cel-marker')

  // The runaway rule: evaluation stops at the cost limit, an error under failurePolicy Fail.
  await lab.setManifest(`apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data: {mode: fast}
`)
  await lab.send()
  await expect(lab.statusLine).toHaveText('HTTP/1.1 422 Unprocessable Entity')
  await lab.select('validating-admission')
  const runaway = evaluation(lab.inspector, 'nested-loops', 'nested-loops')
  await expect(runaway).toHaveAttribute('data-decision', 'deny')
  const rule = runaway.locator('.expr').filter({ hasText: 'validations[0]' })
  await expect(rule).toHaveAttribute('data-result', 'error')
  await expect(rule.locator('.expr__error')).toContainText('actual cost limit exceeded')
  await runaway.scrollIntoViewIfNeeded()
  await lab.screenshot('1920-light-vap-cost-limit')
})

test('a MutatingAdmissionPolicy: the object its expression built and the patch it made', async ({
  lab,
  page,
}) => {
  await lab.open('/')
  await openExample(page, 'A MutatingAdmissionPolicy adds a label')
  await lab.speed('instant')
  await lab.send()
  await expect(lab.statusLine).toHaveText('HTTP/1.1 201 Created')
  await lab.select('mutating-admission')
  const mutation = lab.inspector
    .locator('.entry[data-step="MutatingAdmissionPolicy"]')
    .locator('.policy-eval[data-policy="add-owner-label"]')
  await expect(mutation).toHaveAttribute('data-decision', 'mutate')
  const row = mutation.locator('.expr').filter({ hasText: 'mutations[0] ApplyConfiguration' })
  await expect(row).toHaveAttribute('data-result', 'value')
  await expect(row.locator('.expr__value')).toHaveText('{"metadata":{"labels":{"owner":"kubernetes-admin"}}}')
  await expect(row.getByRole('list', { name: 'Patch from this mutation' })).toHaveText(
    'add /metadata/labels = {"owner":"kubernetes-admin"}',
  )
  await mutation.scrollIntoViewIfNeeded()
  await lab.screenshot('1920-light-map-mutation')

  // The validating policy then sees the label the mutation added.
  await lab.select('validating-admission')
  const check = evaluation(lab.inspector, 'require-owner', 'require-owner')
  await expect(check.locator('.expr').filter({ hasText: 'validations[0]' })).toHaveAttribute(
    'data-result',
    'true',
  )
})
