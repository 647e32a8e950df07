import { expect, test } from './fixtures'

const deployment = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
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

for (const theme of ['light', 'dark'] as const) {
  test(`server-side apply: a conflict names the owner, force takes the field (${theme})`, async ({
    lab,
    page,
  }) => {
    await page.emulateMedia({ colorScheme: theme })
    await lab.open('/')
    await lab.speed('instant')
    await page.getByLabel('Verb').selectOption('apply')
    await lab.setManifest(deployment(2))
    await lab.send()
    await expect(lab.statusLine).toHaveText('HTTP/1.1 201 Created')
    await expect(page.getByTestId('kubectl-output')).toHaveText('deployment.apps/web created')

    // Server-side, as another manager, with a different replica count: 409 and kubectl's advice.
    await page.getByLabel('Server-side apply').check()
    await page.getByLabel('Field manager').fill('platform-ci')
    await expect(page.getByTestId('command-line')).toHaveText(
      '$ kubectl apply -f manifest.yaml --server-side --field-manager=platform-ci',
    )
    await lab.setManifest(deployment(3))
    await lab.send()
    await expect(lab.statusLine).toHaveText('HTTP/1.1 409 Conflict')
    await expect(page.getByTestId('kubectl-output')).toContainText(
      'error: Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
    )
    await expect(page.getByTestId('kubectl-output')).toContainText('--force-conflicts')
    await expect(page.getByTestId('http-request')).toContainText('application/apply-patch+yaml')
    await lab.expectState('decoding', 'rejected')
    await lab.select('decoding')
    const ownership = lab.inspector.getByRole('region', { name: 'Field ownership' })
    await expect(ownership).toBeVisible()
    const contested = ownership.locator('.ownership__field--conflict')
    await expect(contested).toHaveCount(1)
    await expect(contested).toContainText('.spec.replicas')
    await ownership.scrollIntoViewIfNeeded()
    await lab.screenshot(`1920-${theme}-ssa-conflict`)

    // With force the field changes hands and the Deployment has three replicas.
    await page.getByLabel('Force conflicts').check()
    await lab.send()
    await expect(lab.statusLine).toHaveText('HTTP/1.1 200 OK')
    await expect(page.getByTestId('kubectl-output')).toHaveText('deployment.apps/web serverside-applied')
    await lab.select('decoding')
    const owners = lab.inspector
      .getByRole('region', { name: 'Field ownership' })
      .locator('.ownership__manager')
    await expect(owners.first()).toContainText('platform-ci')
    await expect(owners.first()).toContainText('.spec.replicas')
    await expect(page.getByTestId('response-body')).toContainText('"replicas": 3')
    await lab.screenshot(`1920-${theme}-ssa-forced`)
    await page.setViewportSize({ width: 800, height: 600 })
    await lab.screenshot(`800-${theme}-ssa-forced`)
  })
}

test('the server-side apply example opens on its first request and conflicts with kubectl-create', async ({
  lab,
  page,
}) => {
  await lab.open('/?scenario=server-side-apply')
  await lab.speed('instant')
  await expect(page.getByLabel('Server-side apply')).toBeChecked()
  await expect(page.getByLabel('Field manager')).toHaveValue('platform-ci')
  await expect(page.getByTestId('command-line')).toHaveText(
    '$ kubectl apply -f manifest.yaml --server-side --field-manager=platform-ci',
  )
  await lab.send()
  await expect(lab.statusLine).toHaveText('HTTP/1.1 409 Conflict')
  await expect(page.getByTestId('kubectl-output')).toContainText(
    'conflict with "kubectl-create" using apps/v1: .spec.replicas',
  )
})
