import { POD, STAGE_IDS, expect, test } from './fixtures'

test.describe('sending a Pod', () => {
  test('as admin: every stage passes or mutates, and the answer is 201', async ({ lab, page }) => {
    await lab.open('/?scenario=pod-created')
    await lab.speed('instant')
    await lab.setManifest(POD)
    await lab.send()

    for (const stage of STAGE_IDS) await lab.expectState(stage, /^(passed|mutated)$/)
    await lab.expectState('mutating-admission', 'mutated')
    await lab.expectState('client', 'passed')
    await expect(lab.statusLine).toHaveText('HTTP/1.1 201 Created')
    await expect(page.getByTestId('kubectl-output')).toHaveText('pod/web created')
    await expect(page.getByTestId('response-body')).toContainText('"kind": "Pod"')
    await expect(page.getByTestId('command-line')).toContainText('kubectl create -f manifest.yaml')
    await expect(page.getByTestId('http-request')).toContainText('POST /api/v1/namespaces/default/pods')
    await expect(page.getByTestId('http-request')).toContainText('Content-Type: application/json')
    await expect(lab.node('mutating-admission')).toContainText(/mutated\s*\+\d+/)

    // Decoding: defaulting, and the myth it corrects.
    await lab.select('decoding')
    await expect(lab.inspector).toContainText(
      'Articles often say an admission controller sets imagePullPolicy',
    )
    await expect(lab.inspector.getByTestId('object-diff')).toContainText('imagePullPolicy: IfNotPresent')

    // Mutating admission: which plugin changed what, and the plugins in order.
    await lab.select('mutating-admission')
    await expect(lab.inspector).toContainText('ServiceAccount')
    await expect(lab.inspector.getByTestId('object-diff')).toContainText('serviceAccountName: default')
    await lab
      .node('mutating-admission')
      .getByRole('button', { name: /plugins/ })
      .click()
    const plugins = lab.node('mutating-admission').locator('[data-plugin]')
    await expect(plugins.first()).toHaveAttribute('data-plugin', 'NamespaceLifecycle')
    await expect(lab.node('mutating-admission').locator('[data-plugin="ServiceAccount"]')).toHaveAttribute(
      'data-state',
      'mutated',
    )

    // Authorization names the binding that allowed it; storage the etcd key and revision.
    await lab.select('authorization')
    await expect(lab.inspector).toContainText('ClusterRoleBinding "kubeadm:cluster-admins"')
    await lab.select('storage')
    await expect(lab.inspector).toContainText('/registry/pods/default/web')
    await expect(lab.inspector).toContainText('revision')
    await lab.screenshot('1920-light-201')
  })

  test('as a user without rights: stops at Authorization with 403 and the exact message', async ({
    lab,
    page,
  }) => {
    await lab.open('/?scenario=rbac-forbidden')
    await lab.speed('instant')
    await lab.setManifest(POD)
    await page.getByLabel('Namespace').selectOption('dev')
    await page.getByLabel('User', { exact: true }).selectOption('jane')
    await lab.send()

    const message =
      'pods is forbidden: User "jane" cannot create resource "pods" in API group "" in the namespace "dev"'
    await lab.expectState('authentication', 'passed')
    await lab.expectState('authorization', 'rejected')
    for (const stage of ['decoding', 'mutating-admission', 'validation', 'validating-admission', 'storage']) {
      await lab.expectState(stage, 'idle')
    }
    await lab.expectState('client', 'rejected')
    await expect(page.getByTestId('request-token')).toHaveAttribute('data-at', 'client')
    await expect(page.getByTestId('request-token')).toContainText('403')
    await expect(lab.statusLine).toHaveText('HTTP/1.1 403 Forbidden')
    await expect(page.getByTestId('kubectl-output')).toHaveText(
      `Error from server (Forbidden): error when creating "manifest.yaml": ${message}`,
    )
    await expect(page.getByTestId('response-body')).toContainText(`"message": ${JSON.stringify(message)}`)
    await expect(lab.inspector).toHaveAttribute('data-inspecting', 'authorization')
    await expect(lab.inspector).toContainText('RBAC never denies')
    await expect(page.getByTestId('command-line')).toContainText('-n dev --user=jane')
  })

  test('into a missing namespace: stops in mutating admission with 404', async ({ lab, page }) => {
    await lab.open('/')
    await lab.speed('instant')
    await lab.setManifest(POD.replace('  name: web\n', '  name: web\n  namespace: nope\n'))
    await page.getByLabel('Verb').selectOption('create')
    await page.getByLabel('User', { exact: true }).selectOption('admin')
    await page.getByLabel('Namespace').selectOption('')
    await lab.send()

    await lab.expectState('decoding', 'mutated')
    await lab.expectState('mutating-admission', 'rejected')
    await lab.expectState('validation', 'idle')
    await expect(lab.statusLine).toHaveText('HTTP/1.1 404 Not Found')
    await expect(page.getByTestId('kubectl-output')).toContainText('namespaces "nope" not found')
    await expect(lab.inspector).toContainText('NamespaceLifecycle')
  })

  test('an invalid Pod: stops at schema validation with 422 and a marker on the offending line', async ({
    lab,
    page,
  }) => {
    await lab.open('/?scenario=pod-created')
    await lab.speed('instant')
    await lab.setManifest(POD.replace('image: nginx:1.27', 'image: ""'))
    await lab.send()

    await lab.expectState('mutating-admission', 'mutated')
    await lab.expectState('validation', 'rejected')
    await lab.expectState('validating-admission', 'idle')
    await expect(lab.statusLine).toHaveText('HTTP/1.1 422 Unprocessable Entity')
    await expect(page.getByTestId('kubectl-output')).toContainText('spec.containers[0].image: Required value')
    await expect(page.getByTestId('marker-count')).toHaveText('1 problem')
    // The squiggle sits on line 8, `image: ""`.
    const squiggle = page.locator('[data-testid="manifest-editor"] .squiggly-error').first()
    await expect(squiggle).toBeVisible()
    const top = await squiggle.evaluate((el) => parseFloat((el.parentElement as HTMLElement).style.top))
    const line8 = await page.evaluate(() => window.__editor!.getTopForLineNumber(8))
    expect(top).toBe(line8)
    await lab.screenshot('1920-light-422')
  })
})
