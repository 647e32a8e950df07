// Links written by earlier builds must keep opening. fixtures/v<N>.json are links as format N's encoder wrote them,
// each with the example names and editor text its build had and the state it carried. Never regenerate or edit
// them: add a file for each new format, and keep every decoder.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ShareState } from './link'
import { decodeShareLink } from './link'

interface Fixture {
  name: string
  link: string
  scenarios: string[]
  editorBase?: string
  state: ShareState
}

const dir = join(__dirname, 'fixtures')
const formats = readdirSync(dir)
  .filter((f) => /^v\d+\.json$/.test(f))
  .map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as Fixture[]] as const)

describe.each(formats)('%s', (_file, fixtures) => {
  it('holds at least 20 links', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(20)
  })

  it.each(fixtures.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
    const bases = {
      hasScenario: (id: string) => fixture.scenarios.includes(id),
      editorBase: () => fixture.editorBase,
    }
    expect(decodeShareLink(fixture.link, bases)).toEqual({ ok: true, value: fixture.state })
  })
})
