// Replaces the modules that compile a JSON Schema with Ajv (src/engine/scenario/scenarioValidator.ts) in production
// bundles by Ajv's standalone code: the same schema and options, compiled at build time, because Ajv's runtime
// compiler uses `new Function`, which the app's CSP refuses in the engine worker. Node (tests, CLI) keeps
// compiling at runtime; src/engine/scenario/scenarioValidator.test.ts proves the two agree.
//
// Another schema validated in the browser gets its own module exporting one compiled validator, and a line here.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import Ajv from 'ajv'
import standaloneCode from 'ajv/dist/standalone'
import type { Plugin } from 'vite'

const require = createRequire(import.meta.url)
const src = (path: string) => new URL(`../../src/${path}`, import.meta.url)

// Must equal the options each module compiles with (the tests check); not imported, so loading vite.config.ts
// pulls in no engine code.
export const AJV_OPTIONS = { allErrors: false, allowUnionTypes: true } as const

interface Precompiled {
  /** The module the bundle replaces. */
  module: RegExp
  /** The name it exports the validator under. */
  exportName: string
  schema: URL
  /** Schemas the main one refers to by $id. */
  references?: URL[]
}

export const PRECOMPILED: Precompiled[] = [
  {
    module: /[\\/]src[\\/]engine[\\/]scenario[\\/]scenarioValidator\.ts$/,
    exportName: 'validateScenario',
    schema: src('engine/scenario/scenario.schema.json'),
  },
]

const readJson = (url: URL) => JSON.parse(readFileSync(url, 'utf8')) as object

export function validatorSource({ exportName, schema, references = [] }: Precompiled): string {
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, esm: true } })
  for (const reference of references) ajv.addSchema(readJson(reference))
  const code = standaloneCode(ajv, ajv.compile(readJson(schema)))
    // Even in ESM mode Ajv reaches its runtime helpers (ucs2length, equal) with require(). They are small
    // self-contained functions, so inline their source: the module then imports nothing and reads the same in a
    // bundle and in Node.
    .replace(/require\("(ajv\/dist\/runtime\/[\w-]+)"\)\.default/g, (_match, path: string) => {
      const helper: unknown = require(path).default
      if (typeof helper !== 'function') throw new Error(`cannot inline Ajv runtime helper ${path}`)
      return `(${helper.toString()})`
    })
  if (/\brequire\(/.test(code)) throw new Error('Ajv standalone code still calls require()')
  return `${code.replace(/^"use strict";/, '')}\nexport const ${exportName} = validate\n`
}

export function precompiledValidators(): Plugin {
  return {
    name: 'kube-api-lab:precompiled-validators',
    apply: 'build',
    load(id) {
      const path = id.split('?')[0]!
      const entry = PRECOMPILED.find((p) => p.module.test(path))
      return entry && validatorSource(entry)
    },
  }
}
