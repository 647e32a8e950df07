// Replaces src/engine/scenario/scenarioValidator.ts in production bundles with Ajv's standalone validator: the same
// schema and options, compiled at build time, so the engine worker needs no `new Function` under the CSP.
// src/engine/scenario/scenarioValidator.test.ts proves the two validators agree.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import Ajv from 'ajv'
import standaloneCode from 'ajv/dist/standalone'
import type { Plugin } from 'vite'

const require = createRequire(import.meta.url)
const SCHEMA = new URL('../../src/engine/scenario/scenario.schema.json', import.meta.url)
const TARGET = /[\\/]src[\\/]engine[\\/]scenario[\\/]scenarioValidator\.ts$/

// Must equal SCENARIO_AJV_OPTIONS (the test checks); not imported, so loading vite.config.ts pulls in no engine code.
export const AJV_OPTIONS = { allErrors: false, allowUnionTypes: true } as const

export function scenarioValidatorSource(): string {
  const schema = JSON.parse(readFileSync(SCHEMA, 'utf8')) as object
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, esm: true } })
  const code = standaloneCode(ajv, ajv.compile(schema))
    // Even in ESM mode Ajv reaches its runtime helpers (ucs2length, equal) with require(). They are small
    // self-contained functions, so inline their source: the module then imports nothing and reads the same in a
    // bundle and in Node.
    .replace(/require\("(ajv\/dist\/runtime\/[\w-]+)"\)\.default/g, (_match, path: string) => {
      const helper: unknown = require(path).default
      if (typeof helper !== 'function') throw new Error(`cannot inline Ajv runtime helper ${path}`)
      return `(${helper.toString()})`
    })
  if (/\brequire\(/.test(code)) throw new Error('Ajv standalone code still calls require()')
  return `${code.replace(/^"use strict";/, '')}\nexport const validateScenario = validate\n`
}

export function precompiledScenarioValidator(): Plugin {
  return {
    name: 'kube-api-lab:precompiled-scenario-validator',
    apply: 'build',
    load: (id) => (TARGET.test(id.split('?')[0]!) ? scenarioValidatorSource() : undefined),
  }
}
