// After one visit the service worker has precached the whole app: with the server gone, a reload still opens the
// editor and a request still goes through the engine worker. Checked at the root, under a sub-path with the default
// relative base, and for a build with an absolute `--base`.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { POD, expect, test } from './fixtures'
import type { Lab } from './fixtures'
import { serveDist } from './staticServer'

async function waitForServiceWorker(page: Page) {
  // `ready` resolves once a worker is active, which happens only after its install (the precache) succeeded.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
}

async function sendPod(lab: Lab) {
  await lab.speed('instant')
  await lab.page.getByLabel('Verb').selectOption('create')
  await lab.setManifest(POD)
  await lab.send()
  await expect(lab.statusLine).toHaveText('HTTP/1.1 201 Created')
}

async function reloadWithServerGone(
  lab: Lab,
  stop: () => Promise<void>,
  context: { setOffline(o: boolean): Promise<void> },
) {
  await stop()
  await context.setOffline(true)
  await lab.page.reload()
  await expect(lab.page.getByRole('button', { name: 'Send' })).toBeEnabled()
  await lab.page.waitForFunction(() => window.__editor !== undefined)
  const controlled = await lab.page.evaluate(() => navigator.serviceWorker.controller !== null)
  expect(controlled, 'the reloaded page is served by the service worker').toBe(true)
}

test('everything the app fetches while it is used is in the precache', async ({ lab }) => {
  const server = await serveDist('dist', '/')
  try {
    const fetched = new Set<string>()
    lab.page.on('request', (request) => {
      const url = new URL(request.url())
      if (url.origin === new URL(server.url).origin) fetched.add(url.pathname.slice(1) || 'index.html')
    })
    await lab.open(server.url)
    await sendPod(lab)
    await lab.select('storage')
    const precache = new Set(
      [...readFileSync('dist/sw.js', 'utf8').matchAll(/\burl:\s*"([^"]+)"/g)].map((m) => m[1]!),
    )
    const serviceWorkerFiles = /^(sw|workbox-[\w-]+)\.js$/
    // The editor, its two workers and the engine worker at least: a check that saw nothing would prove nothing.
    expect([...fetched].filter((f) => /worker|ManifestEditor|\.ttf$/.test(f)).length).toBeGreaterThanOrEqual(
      5,
    )
    expect([...fetched].filter((f) => !precache.has(f) && !serviceWorkerFiles.test(f))).toEqual([])
  } finally {
    await server.stop()
  }
})

for (const prefix of ['/', '/kube-api-lab/']) {
  test(`after one visit the app works with the server stopped (served at ${prefix})`, async ({
    lab,
    context,
  }) => {
    const server = await serveDist('dist', prefix)
    await lab.open(server.url)
    await waitForServiceWorker(lab.page)
    await reloadWithServerGone(lab, server.stop, context)
    await sendPod(lab)
  })
}

test('a build with an absolute --base works offline under that path', async ({ lab, context }) => {
  test.setTimeout(180_000)
  const outDir = 'test-results/dist-base-sub'
  execFileSync('npx', [
    'vite',
    'build',
    '--base=/sub/',
    `--outDir=${outDir}`,
    '--emptyOutDir',
    '--logLevel=error',
  ])
  const server = await serveDist(outDir, '/sub/')
  await lab.open(server.url)
  await waitForServiceWorker(lab.page)
  await reloadWithServerGone(lab, server.stop, context)
  await sendPod(lab)
})

test('a new version waits for the user to agree before it reloads the page', async ({ lab, page }) => {
  const server = await serveDist('dist')
  try {
    await lab.open(server.url)
    await waitForServiceWorker(page)
    await page.reload()
    await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled()
    await expect(page.getByTestId('update-prompt')).toHaveCount(0)

    // A new deployment: sw.js changes, so the browser installs the new worker and keeps it waiting.
    server.amend('sw.js', '\n// the next release\n')
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update())
    const prompt = page.getByTestId('update-prompt')
    await expect(prompt).toContainText('A new version of Kube API Lab is ready.')
    const waiting = () =>
      page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.waiting !== null)
    // Nothing took over on its own: the new worker waits for the click.
    expect(await waiting()).toBe(true)
    // "Later" keeps the running page; the new version still waits, and asks again on the next visit.
    await page.evaluate(() => ((window as { beforeUpdate?: boolean }).beforeUpdate = true))
    await prompt.getByRole('button', { name: 'Later' }).click()
    await expect(prompt).toHaveCount(0)
    expect(await page.evaluate(() => (window as { beforeUpdate?: boolean }).beforeUpdate)).toBe(true)
    expect(await waiting()).toBe(true)
    await page.reload()
    await expect(prompt).toContainText('A new version of Kube API Lab is ready.')
    await page.evaluate(() => ((window as { beforeUpdate?: boolean }).beforeUpdate = true))

    // The reload comes after the new worker takes control, a moment after the click.
    const reloaded = page.waitForEvent('load')
    await prompt.getByRole('button', { name: 'Reload to update' }).click()
    await reloaded
    expect(await page.evaluate(() => (window as { beforeUpdate?: boolean }).beforeUpdate ?? false)).toBe(
      false,
    )
    await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled()
    await expect(page.getByTestId('update-prompt')).toHaveCount(0)
    // The waiting worker took over: none is left waiting.
    expect(await waiting()).toBe(false)
  } finally {
    await server.stop()
  }
})
