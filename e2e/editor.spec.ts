import { expect, test } from './fixtures'

interface MonacoLike {
  getDomNode(): HTMLElement
  getScrolledVisiblePosition(p: { lineNumber: number; column: number }): { left: number; top: number }
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
`

test('editor hovers show the field description only; schema problems count in the badge', async ({
  lab,
  page,
}) => {
  await lab.open('/')
  await lab.setManifest(DEPLOYMENT)
  await expect(page.getByTestId('marker-count')).toHaveCount(0)

  // Hover `metadata` on line 3: its description, without the schema's internal `inmemory://` source link.
  const at = await page.evaluate(() => {
    const editor = window.__editor as unknown as MonacoLike
    const dom = editor.getDomNode().getBoundingClientRect()
    const p = editor.getScrolledVisiblePosition({ lineNumber: 3, column: 4 })
    return { x: dom.left + p.left, y: dom.top + p.top + 8 }
  })
  await page.mouse.move(at.x, at.y)
  const hover = page.locator('.monaco-hover:not(.hidden)')
  await expect(hover).toContainText(/metadata/i)
  await expect(hover).not.toContainText('inmemory://')
  // The source line rendered as a link shows only "kubernetes.json": its href holds the internal URI.
  expect(await hover.first().innerHTML()).not.toContain('inmemory:')
  await expect(hover).not.toContainText('Source:')

  // A schema problem the engine has not seen (nothing was sent): monaco-yaml's marker counts in the badge.
  await lab.setManifest(DEPLOYMENT.replace('replicas: 2', 'replicas: "three"'))
  await expect(page.getByTestId('marker-count')).toHaveText('1 problem')
  await lab.setManifest(DEPLOYMENT)
  await expect(page.getByTestId('marker-count')).toHaveCount(0)
})
