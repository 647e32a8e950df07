// Every bundled example, played through every one of its requests from the UI at Instant speed: each
// response must match the request's `expect` in the scenario file, read here on the Node side.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { expect, test } from './fixtures'

interface Expectation {
  code?: number
  kubectl?: string
}

interface ExampleFile {
  name: string
  requests?: { expect?: Expectation }[]
}

const dir = join(import.meta.dirname, '../src/scenarios')
const examples = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((file) => ({ file, scenario: parse(readFileSync(join(dir, file), 'utf8')) as ExampleFile }))

test('there is an example to play', () => {
  expect(examples.length).toBeGreaterThanOrEqual(48)
})

for (const { file, scenario } of examples) {
  test(`${file} plays every request and ends where its expect says`, async ({ lab, page }) => {
    const requests = scenario.requests ?? []
    // No wait for Monaco: the request bar and the story are enough to play the example.
    await page.goto(`/?scenario=${scenario.name}`)
    const position = page.getByTestId('story-position')
    await expect(position).toHaveText(`Request 1 of ${requests.length}`)
    await lab.speed('instant')
    for (const [i, request] of requests.entries()) {
      await expect(position).toHaveText(`Request ${i + 1} of ${requests.length}`)
      await lab.send()
      const status = lab.response.getByTestId('status-line')
      await expect(status).toHaveText(
        request.expect?.code !== undefined ? new RegExp(`^HTTP/1\\.1 ${request.expect.code}\\b`) : /^HTTP\/1\.1 \d{3}/,
      )
      if (request.expect?.kubectl !== undefined)
        await expect(lab.response.getByTestId('kubectl-output')).toContainText(request.expect.kubectl)
      if (i < requests.length - 1) {
        await page.getByRole('button', { name: 'Next request' }).click()
        await expect(status).not.toHaveText(/^HTTP/)
      }
    }
  })
}
