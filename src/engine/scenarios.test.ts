// Every scenario shipped with the product runs here, and each request must have the outcome it declares.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createSimulator } from './simulator'
import { checkExpectation } from './scenario/expect'
import { parseScenario } from './scenario/parse'

const dir = join(import.meta.dirname, '..', 'scenarios')
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'))

describe('bundled scenarios', () => {
  it('there are scenarios to run', () => {
    expect(files.length).toBeGreaterThanOrEqual(10)
  })

  it.each(files)('%s parses, runs and has the outcomes it declares', (file) => {
    const parsed = parseScenario(readFileSync(join(dir, file), 'utf8'))
    if (!parsed.ok) throw new Error(parsed.error)
    const simulator = createSimulator(parsed.value)
    const requests = parsed.value.requests ?? []
    expect(requests.length).toBeGreaterThan(0)
    for (const request of requests) {
      expect(request.expect, `${file}: every bundled request declares its outcome`).toBeDefined()
      const results = simulator.run(request)
      if (request.expect) expect(checkExpectation(request.expect, results, simulator.snapshot()), `${file}: ${request.title ?? request.name}`).toEqual([])
    }
  })
})
