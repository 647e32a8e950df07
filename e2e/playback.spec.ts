import { POD, expect, test } from './fixtures'

test('stepping through the animation moves the request stage by stage', async ({ lab, page }) => {
  await lab.open('/?scenario=rbac-forbidden')
  await lab.setManifest(POD)
  await page.getByLabel('Namespace').selectOption('dev')
  await page.getByLabel('User', { exact: true }).selectOption('jane')
  await lab.send()
  await page.getByRole('button', { name: 'Pause' }).click()
  await page.locator('[data-tick]').first().click()

  // At the first step the request is in the HTTP handler, and nothing else has happened yet.
  const token = page.getByTestId('request-token')
  await lab.expectState('http', 'active')
  await lab.expectState('authentication', 'idle')
  await expect(token).toHaveAttribute('data-at', 'http')
  await expect(token).toContainText('create Pod')

  await page.getByRole('button', { name: 'Step forward' }).click()
  await lab.expectState('http', 'passed')
  await lab.expectState('authentication', 'active')
  await expect(token).toHaveAttribute('data-at', 'authentication')
  // Clicking a tick pins the inspector to that stage; playing again lets it follow the request.
  await lab.expectState('authentication', 'active')
  await lab.select('authentication')
  await expect(lab.inspector).toContainText('authenticated as jane')
  await expect(lab.statusLine).toHaveText('Waiting for the response…')

  await page.getByRole('button', { name: 'Step back' }).click()
  await lab.expectState('authentication', 'idle')

  // One tick per trace entry plus the response; clicking a tick goes there.
  const ticks = page.locator('[data-tick]')
  await expect(ticks).toHaveCount(5)
  await ticks.nth(3).click()
  await lab.expectState('authorization', 'active')
  await expect(lab.inspector).toHaveAttribute('data-inspecting', 'authorization')
  await ticks.last().click()
  await lab.expectState('authorization', 'rejected')
  await expect(token).toHaveAttribute('data-at', 'client')
  await expect(lab.statusLine).toHaveText('HTTP/1.1 403 Forbidden')

  // Replay at double speed runs to the end by itself.
  await page.getByLabel('Speed').selectOption('2')
  await page.getByRole('button', { name: 'Replay' }).click()
  await expect(page.getByRole('button', { name: 'Replay' })).toBeVisible({ timeout: 15_000 })
  await lab.expectState('authorization', 'rejected')
})

test('kubectl apply plays its GET and then its POST', async ({ lab, page }) => {
  await lab.open('/?scenario=pod-created')
  await lab.speed('instant')
  await lab.setManifest(POD)
  await page.getByLabel('Verb').selectOption('apply')
  await lab.send()
  await expect(lab.statusLine).toHaveText('HTTP/1.1 201 Created')
  await expect(page.getByTestId('http-request')).toContainText('call 2/2')

  // The GET's answer (404 from storage) comes back to kubectl before the POST sets off.
  const getResponse = page.locator('.tick--error').first()
  await getResponse.click()
  await expect(page.getByTestId('request-token')).toContainText('404')
  await expect(page.getByTestId('http-request')).toContainText('GET /api/v1/namespaces/default/pods/web')
  await lab.expectState('decoding', 'skipped')
})

test('a webhook that makes the API server wait five seconds plays in a moment', async ({ lab, page }) => {
  await lab.open('/?scenario=webhook-timeout')
  await lab.send()
  await page.getByRole('button', { name: 'Pause' }).click()
  const webhook = page.locator('[data-tick][aria-label*=": ValidatingAdmissionWebhook "]')
  await expect(webhook).toHaveAttribute('aria-label', /took 5\.000 s of virtual time/)
  await webhook.click()
  const started = Date.now()
  await page.getByRole('button', { name: 'Play' }).click()
  await expect(page.locator('[data-tick]').last()).toHaveAttribute('aria-current', 'step')
  const took = Date.now() - started
  expect(took).toBeGreaterThan(1000)
  expect(took).toBeLessThan(4000)
  await expect(lab.statusLine).toHaveText('HTTP/1.1 500 Internal Server Error')
  await expect(page.getByTestId('timeline-wait')).toHaveAttribute('data-done')
})

test('a 1,000-object manifest at Instant speed keeps the diagram visible and the timeline one control', async ({
  lab,
  page,
}) => {
  await lab.open('/?scenario=pod-created')
  await lab.speed('instant')
  const manifest = Array.from(
    { length: 1000 },
    (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\ndata:\n  n: "${i}"\n`,
  ).join('---\n')
  await lab.setManifest(manifest)
  await lab.send()
  await expect(page.getByTestId('response')).toContainText('configmap/c999 created', { timeout: 45_000 })
  await expect(lab.statusLine).toHaveText('HTTP/1.1 201 Created')

  const slider = page.getByRole('slider', { name: 'Timeline' })
  await expect(slider).toHaveCount(1)
  const steps = Number(await slider.getAttribute('aria-valuemax'))
  expect(steps).toBeGreaterThan(10_000)
  await expect(slider).toHaveAttribute('aria-valuenow', String(steps))
  await expect(slider).toHaveAttribute('aria-valuetext', /^Step \d+ of \d+, object 1000 of 1000, /)
  // The ticks are one object's steps, not every step of the run, and none of them is a Tab stop.
  const ticks = await page.locator('[data-tick]').count()
  expect(ticks).toBeGreaterThan(3)
  expect(ticks).toBeLessThan(60)
  expect(await page.locator('.timeline [tabindex="0"], .timeline button:not([tabindex="-1"])').count()).toBe(
    1,
  )
  await expect(page.locator('.diagram')).toBeInViewport()
  await expect(lab.node('storage')).toBeInViewport()

  // Page Up jumps to the previous object's first step.
  await slider.focus()
  await page.keyboard.press('PageUp')
  await expect(slider).toHaveAttribute('aria-valuetext', /object 1000 of 1000, HTTP handler/)
  await page.keyboard.press('PageUp')
  await expect(slider).toHaveAttribute('aria-valuetext', /object 999 of 1000, HTTP handler/)
  await page.keyboard.press('Home')
  await expect(slider).toHaveAttribute('aria-valuetext', /^Step 1 of \d+, object 1 of 1000, /)
})

test('the slider follows a drag, and the chosen speed survives a reload', async ({ lab, page }) => {
  await lab.open('/?scenario=rbac-forbidden')
  await lab.speed('instant')
  await lab.send()
  await expect(lab.statusLine).toHaveText('HTTP/1.1 403 Forbidden')
  const slider = page.getByRole('slider', { name: 'Timeline' })
  const box = (await slider.boundingBox())!
  const y = box.y + box.height / 2
  await page.mouse.move(box.x + box.width - 2, y)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width / 2, y, { steps: 4 })
  await page.mouse.move(box.x + 1, y, { steps: 4 })
  await expect(slider).toHaveAttribute('aria-valuenow', '1')
  await lab.expectState('http', 'active')
  await page.mouse.move(box.x + box.width - 1, y, { steps: 4 })
  await page.mouse.up()
  await expect(lab.statusLine).toHaveText('HTTP/1.1 403 Forbidden')

  await page.reload()
  await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled()
  await expect(page.getByLabel('Speed')).toHaveValue('instant')
  await lab.speed('0.5')
  await page.reload()
  await expect(page.getByLabel('Speed')).toHaveValue('0.5')
})
