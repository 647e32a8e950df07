import type { Page } from '@playwright/test'
import { POD, expect, test } from './fixtures'

const KEY = '/registry/pods/default/web'
const explorer = (page: Page) => page.getByRole('dialog', { name: 'Storage explorer' })
const LABELLED = POD.replace('  name: web\nspec', '  name: web\n  labels:\n    tier: frontend\nspec')

for (const theme of ['light', 'dark'] as const) {
  test(`etcd explorer: revisions, bytes, diff and the watch stream (${theme})`, async ({ lab, page }) => {
    await page.emulateMedia({ colorScheme: theme })
    await lab.open('/?scenario=pod-created')
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
    await lab.speed('instant')
    await page.getByLabel('Verb').selectOption('apply')
    await lab.setManifest(POD)
    await lab.send()
    await expect(lab.statusLine).toHaveText('HTTP/1.1 201 Created')

    // The Storage stage names the versions and links to the key it wrote.
    await lab.select('storage')
    await expect(lab.inspector.getByTestId('version-sent')).toHaveText('v1')
    await expect(lab.inspector.getByTestId('version-storage')).toHaveText('v1')
    await lab.select('decoding')
    await expect(lab.inspector.getByTestId('versions')).toContainText('hub version')
    await lab.select('storage')
    await lab.inspector.getByTestId('versions').scrollIntoViewIfNeeded()
    await lab.screenshot(`1920-${theme}-storage-versions`)
    await lab.inspector.getByTestId('open-storage-key').click()
    const panel = explorer(page)
    await expect(panel).toBeVisible()
    const detail = panel.getByTestId('key-detail')
    await expect(detail).toHaveAttribute('data-key', KEY)
    await expect(panel.locator(`.key-tree [data-key="${KEY}"]`)).toBeVisible()
    await expect(detail.getByTestId('key-facts')).toContainText('version1')
    await expect(detail.getByTestId('revisions').locator('tbody tr')).toHaveCount(1)
    await expect(detail.getByTestId('decoded-value')).toContainText('"name": "web"')
    await expect(detail.getByTestId('decoded-value')).not.toContainText('resourceVersion')
    await detail.getByRole('button', { name: 'Bytes' }).click()
    const dump = detail.getByTestId('byte-dump')
    await expect(dump).toHaveText(/^00000000\s+6b 38 73 00 /)
    await expect(dump).toContainText('|k8s.')
    await lab.screenshot(`1920-${theme}-etcd-bytes`)
    await page.keyboard.press('Escape')
    await expect(panel).toBeHidden()

    // A second apply with a label: a new revision of the same key, version 2.
    await lab.setManifest(LABELLED)
    await lab.send()
    await expect(lab.statusLine).toHaveText('HTTP/1.1 200 OK')
    await page.getByRole('button', { name: 'etcd', exact: true }).click()
    await expect(panel).toBeVisible()
    await expect(detail).toHaveAttribute('data-key', KEY)
    const rows = detail.getByTestId('revisions').locator('tbody tr')
    await expect(rows).toHaveCount(2)
    await expect(rows.nth(0)).toContainText('ADDED')
    await expect(rows.nth(1)).toContainText('MODIFIED')
    await expect(detail.getByTestId('key-facts')).toContainText('version2')
    await detail.getByRole('button', { name: 'Diff' }).click()
    const diff = detail.getByTestId('revision-diff')
    await expect(diff.locator('.diff__line--added')).toContainText(['tier: frontend'])
    await lab.screenshot(`1920-${theme}-etcd-diff`)

    // The watch stream over pods in default: ADDED, then MODIFIED.
    await panel.getByRole('tab', { name: 'Watch stream' }).click()
    const events = panel.getByTestId('watch-events').locator('li')
    await expect(events).toHaveCount(2)
    await expect(events.nth(0)).toHaveAttribute('data-type', 'ADDED')
    await expect(events.nth(1)).toHaveAttribute('data-type', 'MODIFIED')
    await expect(events.nth(1)).toContainText('default/web')
    await lab.screenshot(`1920-${theme}-etcd-watch`)

    await page.setViewportSize({ width: 800, height: 600 })
    await lab.screenshot(`800-${theme}-etcd-watch`)
    await panel.getByRole('tab', { name: 'Keys and revisions' }).click()
    await detail.getByRole('button', { name: 'Bytes' }).click()
    await lab.screenshot(`800-${theme}-etcd-bytes`)
  })
}
