// The scenario schema's validator. Ajv compiles it with `new Function`, which the app's Content-Security-Policy
// forbids in the engine worker; the production build therefore swaps this module for Ajv's standalone code,
// generated from the same schema with the same options (scripts/vite/precompiledValidators.ts).
// Node (tests, CLI) keeps compiling at runtime.
import Ajv from 'ajv'
import schema from './scenario.schema.json'
import type { Scenario } from './types'

export const SCENARIO_AJV_OPTIONS = { allErrors: false, allowUnionTypes: true } as const

export const validateScenario = new Ajv(SCENARIO_AJV_OPTIONS).compile<Scenario>(schema)
