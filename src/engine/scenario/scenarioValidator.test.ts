// The production bundle validates scenarios with Ajv's standalone code (no eval, for the CSP); Node compiles the
// schema at runtime. Both must accept and refuse exactly the same documents, with the same first error.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { AJV_OPTIONS, PRECOMPILED, validatorSource } from '../../../scripts/vite/precompiledValidators'
import { SCENARIO_AJV_OPTIONS, validateScenario } from './scenarioValidator'

type Validator = ((data: unknown) => boolean) & { errors?: unknown }

const scenarioValidatorSource = () =>
  validatorSource(PRECOMPILED.find((p) => p.exportName === 'validateScenario')!)

const examples = join(__dirname, '../../scenarios')
const bundled = readdirSync(examples)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => [f, parse(readFileSync(join(examples, f), 'utf8')) as unknown] as const)

const refused: [string, unknown][] = [
  ['not an object', 'just text'],
  ['no name', { title: 'x' }],
  ['unknown top-level field', { name: 'x', colour: 'blue' }],
  ['requests is not a list', { name: 'x', requests: {} }],
  ['a user without a name', { name: 'x', cluster: { users: [{ token: 't' }] } }],
  ['a bad name', { name: 'Not A DNS Label!' }],
  [
    'an empty token (minLength counts code points)',
    { name: 'x', cluster: { users: [{ name: 'a', token: '' }] } },
  ],
]

let dir: string
let standalone: Validator

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scenario-validator-'))
  const file = join(dir, 'validator.mjs')
  writeFileSync(file, scenarioValidatorSource())
  standalone = ((await import(pathToFileURL(file).href)) as { validateScenario: Validator }).validateScenario
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the precompiled scenario validator', () => {
  it('is compiled with the runtime validator options', () => {
    expect(AJV_OPTIONS).toEqual(SCENARIO_AJV_OPTIONS)
  })

  it('contains no eval and no require', () => {
    const source = scenarioValidatorSource()
    expect(source).not.toMatch(/\bnew Function\b|[^\w$.]Function\(|[^\w$.]eval\(|\brequire\(/)
  })

  it.each(bundled)('accepts %s as the runtime validator does', (_file, doc) => {
    expect(validateScenario(doc)).toBe(true)
    expect(standalone(doc)).toBe(true)
  })

  it.each(refused)('refuses %s with the same first error', (_what, doc) => {
    expect(validateScenario(doc)).toBe(false)
    expect(standalone(doc)).toBe(false)
    expect(standalone.errors).toEqual(validateScenario.errors)
  })
})
