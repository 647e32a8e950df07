import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

const SECRET_KEY = '/registry/secrets/default/db-credentials'
const CONFIGMAP_KEY = '/registry/configmaps/default/app-settings'
const CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-settings
data:
  color: blue
`
const explorer = (page: Page) => page.getByRole('dialog', { name: 'Storage explorer' })

for (const theme of ['light', 'dark'] as const) {
  test(`encryption at rest: the Secret is ciphertext in etcd, the ConfigMap is not (${theme})`, async ({
    lab,
    page,
  }) => {
    await page.emulateMedia({ colorScheme: theme })
    await lab.open('/?scenario=encryption-at-rest')
    await lab.speed('instant')
    await lab.send()
    await expect(lab.statusLine).toHaveText('HTTP/1.1 201 Created')

    // The storage step says the write was encrypted.
    await lab.select('storage')
    await expect(lab.inspector).toContainText('encrypted with aescbc (key key1)')
    await lab.inspector.getByTestId('open-storage-key').scrollIntoViewIfNeeded()
    await lab.screenshot(`1920-${theme}-encryption-trace`)
    await lab.inspector.getByTestId('open-storage-key').click()
    const panel = explorer(page)
    await expect(panel).toBeVisible()
    const detail = panel.getByTestId('key-detail')
    await expect(detail).toHaveAttribute('data-key', SECRET_KEY)
    await expect(detail.getByTestId('encryption-badge')).toHaveText('encrypted at rest (aescbc, key key1)')
    await expect(detail).toContainText('What the API server reads after decrypting')
    await expect(detail.getByTestId('decoded-value')).toContainText('"password"')
    await lab.screenshot(`1920-${theme}-encryption-decoded`)

    await detail.getByRole('button', { name: 'Bytes' }).click()
    // k8s:enc:aescbc:v1:key1: in hex, then readable in the ASCII column.
    const dump = detail.getByTestId('byte-dump')
    await expect(dump).toHaveText(/^00000000\s+6b 38 73 3a 65 6e 63 3a 61 65 73 63 62 63 3a 76 /)
    await expect(dump).toContainText('|k8s:enc:aescbc:v|')
    await expect(dump).not.toContainText('s3cr3t')
    await expect(detail.getByTestId('encryption-prefix')).toHaveText('k8s:enc:aescbc:v1:key1:')
    await expect(detail.getByTestId('cipher-note')).toContainText('stand-in')
    const decrypted = detail.getByTestId('decrypted-byte-dump')
    await expect(decrypted).toHaveText(/^00000000\s+6b 38 73 00 /)
    await expect(decrypted).toContainText('s3cr3t-pass')
    await lab.screenshot(`1920-${theme}-encryption-bytes`)
    await detail.getByTestId('decrypted-byte-dump').scrollIntoViewIfNeeded()
    await lab.screenshot(`1920-${theme}-encryption-decrypted-bytes`)
    await page.keyboard.press('Escape')
    await expect(panel).toBeHidden()

    // A ConfigMap has no rule: no badge, the plain k8s\0 envelope.
    await lab.setManifest(CONFIGMAP)
    await lab.send()
    await expect(lab.statusLine).toHaveText('HTTP/1.1 201 Created')
    await lab.select('storage')
    await expect(lab.inspector).not.toContainText('encrypted with')
    await lab.inspector.getByTestId('open-storage-key').click()
    await expect(detail).toHaveAttribute('data-key', CONFIGMAP_KEY)
    await expect(detail.getByTestId('encryption-badge')).toHaveCount(0)
    await detail.getByRole('button', { name: 'Bytes' }).click()
    await expect(detail.getByTestId('byte-dump')).toHaveText(/^00000000\s+6b 38 73 00 /)
    await expect(detail.getByTestId('byte-dump')).toContainText('color')
    await lab.screenshot(`1920-${theme}-encryption-configmap-bytes`)

    // Back to the Secret from the tree, on a small screen.
    await page.setViewportSize({ width: 800, height: 600 })
    for (const prefix of ['/registry/secrets/', '/registry/secrets/default/'])
      await panel.locator(`.key-tree [data-prefix="${prefix}"] > summary`).click()
    await panel.locator(`.key-tree [data-key="${SECRET_KEY}"]`).click()
    await expect(detail).toHaveAttribute('data-key', SECRET_KEY)
    await expect(detail.getByTestId('encryption-badge')).toBeVisible()
    await detail.getByRole('button', { name: 'Bytes' }).click()
    await lab.screenshot(`800-${theme}-encryption-bytes`)
  })
}
