import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import type { Lab } from './fixtures'

const ISTIO = 'Istio injects its sidecar through a mutating webhook'
const DOWN = 'A webhook whose server is down, with failurePolicy Fail and Ignore'
const ISTIOD = 'istio-system/istiod:443/inject'
const CHECKER = 'policy/checker:443/validate'

async function loadExample(lab: Lab, title: string) {
  await lab.open('/')
  await lab.page.getByRole('button', { name: 'Examples' }).click()
  await lab.page
    .getByRole('list', { name: 'Examples' })
    .getByRole('button')
    .filter({ hasText: title })
    .click()
  await expect(lab.page.locator('.app-header__scenario')).toContainText(title)
}

const server = (page: Page, label: string) => page.locator(`.react-flow [data-webhook-server="${label}"]`)
const tokens = (page: Page) => page.getByTestId('webhook-token')

/** Goes to the step where the webhook plugin runs (the request pauses there) by its tick. */
async function goToStep(page: Page, step: string) {
  await page.locator(`[data-tick][aria-label*=": ${step} "]`).first().click()
}

/** Waits until the request token has glided to its stage. */
async function tokenSettled(page: Page) {
  await page.waitForFunction(
    () => document.querySelector('[data-testid="request-token"]')?.getAnimations().length === 0,
  )
}

/** Freezes the calls in flight: each AdmissionReview at its server, or each answer halfway back. */
async function freezeTokens(page: Page, leg: 'request' | 'reply') {
  await page.evaluate((leg) => {
    for (const animation of document.getAnimations()) {
      const target = (animation.effect as KeyframeEffect | null)?.target as HTMLElement | null
      if (!target?.dataset.leg) continue
      const { delay = 0, duration } = animation.effect!.getComputedTiming()
      animation.pause()
      const length = Number(duration)
      if (target.dataset.leg === leg)
        animation.currentTime = delay + length * (leg === 'request' ? 0.97 : 0.5)
      else animation.currentTime = leg === 'request' ? 0 : delay + length
    }
  }, leg)
}

test('Istio: the AdmissionReview goes to istiod and the sidecar comes back as a JSON patch', async ({
  lab,
  page,
}) => {
  await loadExample(lab, ISTIO)
  await expect.poll(() => lab.manifest()).toContain('namespace: shop')
  await expect(server(page, ISTIOD)).toHaveCount(0)

  await lab.send()
  await page.getByRole('button', { name: 'Pause' }).click()
  // The server belongs to this request: it is in the diagram from the start, not called yet.
  await page.locator('[data-tick]').first().click()
  await expect(server(page, ISTIOD)).toHaveAttribute('data-state', 'idle')
  await expect(server(page, ISTIOD)).toContainText('Istio sidecar injector')
  await expect(server(page, ISTIOD)).toContainText('not called yet')

  await goToStep(page, 'MutatingAdmissionWebhook')
  await expect(server(page, ISTIOD)).toHaveAttribute('data-state', 'calling')
  await expect(tokens(page)).toHaveCount(2)
  await expect(tokens(page).and(page.locator('[data-leg="request"]'))).toHaveText('AdmissionReview')
  await expect(tokens(page).and(page.locator('[data-leg="reply"]'))).toHaveAttribute('data-state', 'patched')
  await expect(page.getByTestId('request-token')).toHaveAttribute('data-at', 'mutating-admission')
  // The answer shows on the server once the reply leaves it.
  await expect(server(page, ISTIOD).locator('.webhook-node__answer')).toBeVisible()
  await expect(server(page, ISTIOD).locator('.webhook-node__answer')).toContainText('patched')

  await page.getByRole('button', { name: 'Step forward' }).click()
  await expect(server(page, ISTIOD)).toHaveAttribute('data-state', 'patched')
  await expect(server(page, ISTIOD)).toContainText('patched+14')
  await expect(server(page, ISTIOD)).toContainText('15 ms · timeout 10 s')
  await expect(tokens(page)).toHaveCount(0)
  await expect(page.getByTestId('timeline-wait')).toHaveText('◷15 ms')
  await expect(page.getByTestId('timeline-wait')).not.toHaveClass(/timeline__wait--long/)

  // Clicking the server explains the stage that called it.
  await server(page, ISTIOD).click()
  await expect(lab.inspector).toHaveAttribute('data-inspecting', 'mutating-admission')
  const call = lab.inspector.locator('.webhook-call[data-webhook="namespace.sidecar-injector.istio.io"]')
  await expect(call).toHaveAttribute('open', '')
  await expect(lab.inspector).toContainText('Mutating webhooks are called one at a time')
  await expect(call).toContainText(ISTIOD)
  await expect(call).toContainText('Istio sidecar injector')
  await expect(call).toContainText('https://istiod.istio-system.svc:443/inject?timeout=10s')
  await expect(call.locator('[data-field="kind"]')).toHaveText('v1 Pod')
  await expect(call.locator('[data-field="operation"]')).toHaveText('CREATE')
  const uid = (await call.locator('[data-field="uid"]').textContent())!
  expect(uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
  const request = call.getByTestId('admission-review-request')
  await expect(request).toContainText('"apiVersion": "admission.k8s.io/v1beta1"')
  await expect(request).toContainText(`"uid": "${uid}"`)
  await expect(request).toContainText('"operation": "CREATE"')
  await expect(request).toContainText('"namespace": "shop"')
  const response = call.getByTestId('admission-review-response')
  await expect(response).toContainText(`"uid": "${uid}"`)
  await expect(response).toContainText('"patchType": "JSONPatch"')
  await expect(call).toContainText('uid matches the request')
  const patch = call.getByTestId('webhook-patch')
  await expect(call).toContainText('JSON Patch, decoded from base64')
  await expect(patch).toContainText('"path": "/spec/initContainers"')
  await expect(patch).toContainText('"name": "istio-proxy"')
  await expect(patch).toContainText('"path": "/metadata/labels/security.istio.io~1tlsMode"')
  await expect(call.locator('[data-field="failurePolicy"]')).toContainText(
    'Fail: not applied, the webhook answered',
  )
  await expect(call.getByRole('meter', { name: 'Latency against timeoutSeconds' })).toBeVisible()

  // A Pod in a namespace without istio-injection=enabled never reaches istiod: no server in the diagram.
  await lab.speed('instant')
  await lab.setManifest((await lab.manifest()).replace('namespace: shop', 'namespace: tools'))
  await lab.send()
  await expect(lab.statusLine).toHaveText('HTTP/1.1 201 Created')
  await expect(page.locator('.react-flow [data-webhook-server]')).toHaveCount(0)
  await expect(page.locator('.react-flow__edge')).toHaveCount(9)
})

test('webhook down: failurePolicy Fail refuses the Pod, Ignore lets it through', async ({ lab, page }) => {
  await loadExample(lab, DOWN)
  await expect.poll(() => lab.manifest()).toContain('namespace: payments')
  await lab.send()
  await page.getByRole('button', { name: 'Pause' }).click()
  await goToStep(page, 'ValidatingAdmissionWebhook')
  await expect(server(page, CHECKER)).toHaveAttribute('data-state', 'calling')
  await expect(server(page, CHECKER)).toContainText('validating · in parallel')
  await expect(server(page, CHECKER)).toContainText('Scenario-defined')
  await expect(tokens(page).and(page.locator('[data-leg="reply"]'))).toHaveAttribute('data-state', 'refused')
  await expect(tokens(page).and(page.locator('[data-leg="reply"]'))).toHaveText('refused')

  await page.locator('[data-tick]').last().click()
  await expect(lab.statusLine).toHaveText('HTTP/1.1 500 Internal Server Error')
  await expect(server(page, CHECKER)).toHaveAttribute('data-state', 'refused')
  await expect(server(page, CHECKER)).toContainText('down: connection refused')
  await expect(server(page, CHECKER)).toContainText('no connection · timeout 10 s')
  await lab.expectState('validating-admission', 'rejected')
  await lab.select('validating-admission')
  const strict = lab.inspector.locator('.webhook-call[data-webhook="strict.checker.example.com"]')
  await expect(strict).toHaveAttribute('data-state', 'refused')
  await expect(lab.inspector).toContainText('Validating webhooks are called in parallel')
  await expect(strict.locator('[data-field="failurePolicy"]')).toHaveText(
    'Fail: the call failed, so the request fails with 500 Internal Server Error',
  )
  await expect(strict).toContainText('dial tcp 10.96.120.15:443: connect: connection refused')
  await expect(strict.locator('[data-field="operation"]')).toHaveText('CREATE')
  await expect(strict.getByTestId('admission-review-response')).toHaveCount(0)

  // The same Pod in the lenient namespace: the call fails the same way, and failurePolicy Ignore lets it in.
  await lab.speed('instant')
  await lab.setManifest((await lab.manifest()).replace('namespace: payments', 'namespace: sandbox'))
  await lab.send()
  await expect(lab.statusLine).toHaveText('HTTP/1.1 201 Created')
  await expect(server(page, CHECKER)).toHaveAttribute('data-state', 'ignored')
  await expect(server(page, CHECKER)).toContainText('failed, ignored by failurePolicy')
  await lab.select('validating-admission')
  const lenient = lab.inspector.locator('.webhook-call[data-webhook="lenient.checker.example.com"]')
  await expect(lenient.locator('[data-field="failurePolicy"]')).toContainText(
    'Ignore: the call failed and was ignored; the request went on',
  )
})

test('Gatekeeper denies, and a webhook slower than its timeout fails the request', async ({ lab, page }) => {
  await loadExample(lab, 'Gatekeeper denies a Pod without the labels a constraint requires')
  await lab.speed('instant')
  await lab.send()
  await expect(lab.statusLine).toHaveText('HTTP/1.1 403 Forbidden')
  const gatekeeper = server(page, 'gatekeeper-system/gatekeeper-webhook-service:443/v1/admit')
  await expect(gatekeeper).toHaveAttribute('data-state', 'denied')
  await expect(gatekeeper).toContainText('OPA Gatekeeper')
  await lab.select('validating-admission')
  const call = lab.inspector.locator('.webhook-call[data-webhook="validation.gatekeeper.sh"]')
  await expect(call.locator('[data-field="failurePolicy"]')).toContainText(
    'Ignore: not applied, the webhook answered (a denial is an answer, not a failure)',
  )
  await expect(call.getByTestId('admission-review-response')).toContainText('"allowed": false')
  await expect(call.getByTestId('admission-review-response')).toContainText('[pods-must-have-team]')

  await page.getByRole('button', { name: 'Examples' }).click()
  await page
    .getByRole('list', { name: 'Examples' })
    .getByRole('button')
    .filter({ hasText: 'A webhook slower than its timeoutSeconds' })
    .click()
  await expect(page.locator('.app-header__scenario')).toContainText(
    'A webhook slower than its timeoutSeconds',
  )
  await lab.send()
  await expect(lab.statusLine).toHaveText('HTTP/1.1 500 Internal Server Error')
  const slow = server(page, 'policy/slow-checker:443/validate')
  await expect(slow).toHaveAttribute('data-state', 'timeout')
  await expect(slow).toContainText('timed out')
  await expect(slow).toContainText('gave up after 5 s')
  await lab.select('validating-admission')
  const timedOut = lab.inspector.locator('.webhook-call[data-webhook="slow.checker.example.com"]')
  await expect(timedOut).toContainText('gave up after 5 s · timeoutSeconds: 5')
  await expect(timedOut.getByRole('meter')).toHaveAttribute('aria-valuenow', '5000')
  await expect(timedOut).toContainText('the server needs 8000ms')
  await expect(timedOut.locator('[data-field="failurePolicy"]')).toHaveText(
    'Fail: the call failed, so the request fails with 500 Internal Server Error',
  )
  // The five seconds are real virtual time: marked on the timeline and counted in the inspector's +time.
  const wait = page.getByTestId('timeline-wait')
  await expect(wait).toHaveCount(1)
  await expect(wait).toContainText('5 s')
  await expect(wait).toHaveClass(/timeline__wait--long/)
  await expect(lab.inspector.locator('[data-step="ValidatingAdmissionWebhook"] .entry__time')).toHaveText(
    /^\+5\.0\d\d s$/,
  )
  await lab.screenshot('webhooks-1920-light-timeout')
  await page.setViewportSize({ width: 800, height: 600 })
  await page.locator('.journey').scrollIntoViewIfNeeded()
  await lab.screenshot('webhooks-800-light-timeout-diagram')
  await lab.inspector.locator('.webhook-calls').evaluate((el) => el.scrollIntoView({ block: 'start' }))
  await lab.screenshot('webhooks-800-light-timeout-review')
})

test('prefers-reduced-motion: no chips travel, the answer shows at once', async ({ lab, page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' })
  await loadExample(lab, DOWN)
  await lab.send()
  await page.getByRole('button', { name: 'Pause' }).click()
  await goToStep(page, 'ValidatingAdmissionWebhook')
  await expect(server(page, CHECKER)).toHaveAttribute('data-state', 'calling')
  await expect(server(page, CHECKER).locator('.webhook-node__answer')).toContainText(
    'down: connection refused',
  )
  await expect(server(page, CHECKER).locator('.webhook-node__pending')).toBeHidden()
  await expect(tokens(page)).toHaveCount(0)
})

// Two mutating webhooks take turns; two validating webhooks are called at once and the first error wins.
const PARALLEL = `name: parallel-webhooks
title: Two mutating webhooks in turn, two validating webhooks at once
cluster:
  objects:
    - {apiVersion: v1, kind: Namespace, metadata: {name: policy}}
    - {apiVersion: v1, kind: Service, metadata: {name: labeler, namespace: policy}, spec: {ports: [{port: 443}]}}
    - {apiVersion: v1, kind: Service, metadata: {name: annotator, namespace: policy}, spec: {ports: [{port: 443}]}}
    - {apiVersion: v1, kind: Service, metadata: {name: fast, namespace: policy}, spec: {ports: [{port: 443}]}}
    - {apiVersion: v1, kind: Service, metadata: {name: slow, namespace: policy}, spec: {ports: [{port: 443}]}}
    - apiVersion: admissionregistration.k8s.io/v1
      kind: MutatingWebhookConfiguration
      metadata: {name: decorate}
      webhooks:
        - name: label.example.com
          clientConfig: {service: {namespace: policy, name: labeler, path: /mutate}}
          rules: [{operations: [CREATE], apiGroups: [''], apiVersions: [v1], resources: [configmaps]}]
          sideEffects: None
          admissionReviewVersions: [v1]
        - name: annotate.example.com
          clientConfig: {service: {namespace: policy, name: annotator, path: /mutate}}
          rules: [{operations: [CREATE], apiGroups: [''], apiVersions: [v1], resources: [configmaps]}]
          sideEffects: None
          admissionReviewVersions: [v1]
    - apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingWebhookConfiguration
      metadata: {name: checks}
      webhooks:
        - name: fast.example.com
          clientConfig: {service: {namespace: policy, name: fast, path: /validate}}
          rules: [{operations: [CREATE], apiGroups: [''], apiVersions: [v1], resources: [configmaps]}]
          sideEffects: None
          admissionReviewVersions: [v1]
        - name: slow.example.com
          clientConfig: {service: {namespace: policy, name: slow, path: /validate}}
          rules: [{operations: [CREATE], apiGroups: [''], apiVersions: [v1], resources: [configmaps]}]
          sideEffects: None
          admissionReviewVersions: [v1]
  webhookServers:
    - service: {namespace: policy, name: labeler}
      latencyMs: 20
      responses: [{allowed: true, patch: [{op: add, path: /metadata/labels, value: {team: web}}]}]
    - service: {namespace: policy, name: annotator}
      latencyMs: 10
      responses: [{allowed: true, patch: [{op: add, path: /metadata/annotations, value: {checked: 'yes'}}]}]
    - service: {namespace: policy, name: fast}
      latencyMs: 5
      responses: [{allowed: true}]
    - service: {namespace: policy, name: slow}
      latencyMs: 60
      responses: [{allowed: false, code: 403, message: settings must be reviewed}]
requests:
  - name: a ConfigMap
    verb: create
    manifest: |
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings, namespace: default}
      data: {mode: fast}
`

/** When each AdmissionReview of the step leaves, in ms after the step began. */
function departures(page: Page) {
  return page.evaluate(() =>
    document
      .getAnimations()
      .filter(
        (a) => ((a.effect as KeyframeEffect | null)?.target as HTMLElement | null)?.dataset.leg === 'request',
      )
      .map((a) => Number(a.effect!.getComputedTiming().delay)),
  )
}

test('mutating webhooks take turns, validating webhooks are called together', async ({ lab, page }) => {
  await lab.open('/')
  await page
    .getByLabel('Open file')
    .setInputFiles({ name: 'parallel.yaml', mimeType: 'text/yaml', buffer: Buffer.from(PARALLEL) })
  await expect(page.locator('.app-header__scenario')).toContainText('Two mutating webhooks in turn')
  await expect.poll(() => lab.manifest()).toContain('kind: ConfigMap')
  await lab.send()
  await page.getByRole('button', { name: 'Pause' }).click()
  await expect(page.locator('.react-flow [data-webhook-server]')).toHaveCount(4)

  // The nodes sit side by side, each joined to the stage that calls it.
  const boxes = await page
    .locator('.react-flow .react-flow__node-webhook')
    .evaluateAll((els) =>
      els.map((el) => el.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right })),
    )
  boxes.sort((a, b) => a.left - b.left)
  for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.left).toBeGreaterThan(boxes[i - 1]!.right)
  await expect(page.locator('.react-flow__edge .webhook-edge')).toHaveCount(4)

  await goToStep(page, 'MutatingAdmissionWebhook')
  await expect(tokens(page)).toHaveCount(4)
  const [first, second] = await departures(page)
  expect(first).toBe(0)
  expect(second).toBeGreaterThan(0)

  await goToStep(page, 'ValidatingAdmissionWebhook')
  await expect(tokens(page)).toHaveCount(4)
  expect(await departures(page)).toEqual([0, 0])
  await expect(server(page, 'policy/fast:443/validate')).toContainText('validating · in parallel')
  await tokenSettled(page)
  await freezeTokens(page, 'request')
  await lab.screenshot('webhooks-1920-light-parallel-calling')

  await page.locator('[data-tick]').last().click()
  await expect(lab.statusLine).toHaveText('HTTP/1.1 403 Forbidden')
  await tokenSettled(page)
  await expect(server(page, 'policy/fast:443/validate')).toHaveAttribute('data-state', 'allowed')
  await expect(server(page, 'policy/slow:443/validate')).toHaveAttribute('data-state', 'denied')
  await expect(server(page, 'policy/labeler:443/mutate')).toHaveAttribute('data-state', 'patched')
  await lab.select('validating-admission')
  await expect(lab.inspector.locator('.webhook-call')).toHaveCount(2)
  await expect(lab.inspector).toContainText('Time spent waiting: 60 ms (the slowest call)')
  await expect(lab.inspector.locator('.webhook-call[data-webhook="slow.example.com"]')).toHaveAttribute(
    'open',
    '',
  )
  await lab.screenshot('webhooks-1920-light-parallel-done')
})

for (const theme of ['light', 'dark'] as const) {
  test(`webhook screenshots at 1920×1080 and 800×600, ${theme} theme`, async ({ lab, page }) => {
    await page.emulateMedia({ colorScheme: theme })
    await loadExample(lab, ISTIO)
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
    await lab.send()
    await page.getByRole('button', { name: 'Pause' }).click()
    await goToStep(page, 'MutatingAdmissionWebhook')
    await expect(tokens(page)).toHaveCount(2)
    await tokenSettled(page)
    await freezeTokens(page, 'request')
    await lab.screenshot(`webhooks-1920-${theme}-istio-calling`)

    await page.locator('[data-tick]').last().click()
    await expect(server(page, ISTIOD)).toHaveAttribute('data-state', 'patched')
    await tokenSettled(page)
    await lab.select('mutating-admission')
    await lab.inspector.locator('.webhook-calls').evaluate((el) => el.scrollIntoView({ block: 'start' }))
    await lab.screenshot(`webhooks-1920-${theme}-istio-review`)
    await lab
      .node('mutating-admission')
      .getByRole('button', { name: /plugins/ })
      .click()
    await lab
      .node('validating-admission')
      .getByRole('button', { name: /plugins/ })
      .click()
    await expect(lab.node('mutating-admission').locator('[data-plugin]').first()).toBeVisible()
    await lab.screenshot(`webhooks-1920-${theme}-istio-plugins-open`)

    await page.setViewportSize({ width: 800, height: 600 })
    await page.locator('.journey').scrollIntoViewIfNeeded()
    await lab.screenshot(`webhooks-800-${theme}-istio-plugins-open`)
    await lab
      .node('mutating-admission')
      .getByRole('button', { name: /plugins/ })
      .click()
    await lab
      .node('validating-admission')
      .getByRole('button', { name: /plugins/ })
      .click()
    await expect(lab.node('mutating-admission').locator('[data-plugin]')).toHaveCount(0)
    await lab.screenshot(`webhooks-800-${theme}-istio-diagram`)
    await lab.inspector.getByTestId('webhook-patch').scrollIntoViewIfNeeded()
    await lab.screenshot(`webhooks-800-${theme}-istio-patch`)

    await page.setViewportSize({ width: 1920, height: 1080 })
    await page.getByRole('button', { name: 'Examples' }).click()
    await page.getByRole('list', { name: 'Examples' }).getByRole('button').filter({ hasText: DOWN }).click()
    await expect(page.locator('.app-header__scenario')).toContainText(DOWN)
    await lab.send()
    await page.getByRole('button', { name: 'Pause' }).click()
    await goToStep(page, 'ValidatingAdmissionWebhook')
    await expect(tokens(page)).toHaveCount(2)
    await tokenSettled(page)
    await freezeTokens(page, 'reply')
    await lab.screenshot(`webhooks-1920-${theme}-down-reply`)
    await page.locator('[data-tick]').last().click()
    await tokenSettled(page)
    await lab.select('validating-admission')
    await lab.inspector.locator('.webhook-calls').evaluate((el) => el.scrollIntoView({ block: 'start' }))
    await lab.screenshot(`webhooks-1920-${theme}-down-review`)
    await page.setViewportSize({ width: 800, height: 600 })
    await page.locator('.journey').scrollIntoViewIfNeeded()
    await lab.screenshot(`webhooks-800-${theme}-down-diagram`)
    await lab.inspector.locator('.webhook-calls').evaluate((el) => el.scrollIntoView({ block: 'start' }))
    await lab.screenshot(`webhooks-800-${theme}-down-review`)
  })
}
