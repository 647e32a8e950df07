// Every bundled scenario's trace, checked in: stage, step, outcome and summary of each step of each HTTP call.
// A change of behaviour shows up in review as a change to these files. After an intended change, refresh
// them with `npx vitest run -u src/engine/goldenTraces.test.ts` and read the diff.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseScenario } from './scenario/parse'
import { createSimulator } from './simulator'

const dir = join(import.meta.dirname, '..', 'scenarios')
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'))

function traceOf(file: string): string {
  const parsed = parseScenario(readFileSync(join(dir, file), 'utf8'))
  if (!parsed.ok) throw new Error(parsed.error)
  const simulator = createSimulator(parsed.value)
  const lines: string[] = []
  for (const request of parsed.value.requests ?? []) {
    for (const result of simulator.run(request)) {
      lines.push(`# ${result.name}`, `$ ${result.commandLine}`)
      for (const call of result.calls) {
        lines.push(`${call.request.method} ${call.request.path} -> ${call.response.code}`)
        for (const entry of call.trace) lines.push(`  ${entry.stage} | ${entry.step} | ${entry.outcome} | ${entry.summary}`)
      }
      if (result.calls.length === 0) lines.push(`(no request) ${result.kubectl}`)
      lines.push('')
    }
  }
  return lines.join('\n')
}

describe('golden traces', () => {
  it.each(files)('%s', async (file) => {
    await expect(traceOf(file)).toMatchFileSnapshot(join(dir, 'golden', file.replace(/\.yaml$/, '.trace.txt')))
  })
})
