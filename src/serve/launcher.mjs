#!/usr/bin/env node
// The `kube-api-lab` command: runs the TypeScript sources through tsx, as `npm run cli` does.
// `kube-api-lab serve ...` starts serve mode; anything else is the scenario runner (`kube-api-lab run ...`).
import process from 'node:process'
import { URL, fileURLToPath } from 'node:url'
import { register } from 'tsx/esm/api'

register()
const serving = process.argv[2] === 'serve'
const entry = serving ? '../serve/main.ts' : '../cli/main.ts'
if (serving) process.argv.splice(2, 1)
process.argv[1] = fileURLToPath(new URL(entry, import.meta.url))
await import(entry)
