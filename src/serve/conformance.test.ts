// Conformance against the real kubectl: serve mode on a port of its own, the real kubectl binary with the
// kubeconfig serve mode wrote, and each command's output compared with a checked-in file of what kubectl
// prints against a v1.35 cluster (ages, uids, timestamps, resourceVersions and generated names normalised).
// UPDATE_CONFORMANCE=1 rewrites the expected files; review the diff before committing it.
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CASES, WATCH_CASE, WATCHED_POD } from './conformance/cases'
import { serve } from './main'

/** The newest real kubectl on the machine; the expected files are what v1.33 prints. */
const CANDIDATES = [33, 32, 31, 30, 29].map((minor) => `/usr/lib/google-cloud-sdk/bin/kubectl.1.${minor}`).concat(['/usr/bin/kubectl'])
const KUBECTL = CANDIDATES.find((path) => existsSync(path))
const REFERENCE_KUBECTL = '/usr/lib/google-cloud-sdk/bin/kubectl.1.33'
const PORT = 4233
const EXPECTED = join(import.meta.dirname, 'conformance', 'expected')
const UPDATE = process.env.UPDATE_CONFORMANCE === '1'
// The first apply downloads the OpenAPI documents; on a busy machine one command can take several seconds.
const COMMAND_TIMEOUT_MS = 30_000

if (!KUBECTL) console.warn(`kubectl conformance skipped: no kubectl found (looked for ${CANDIDATES.join(', ')})`)
else console.warn(`kubectl conformance: using ${KUBECTL}`)

interface Run {
  code: number
  stdout: string
  stderr: string
}

/** What varies from run to run and says nothing about fidelity. */
export function normalise(text: string): string {
  return text
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>')
    .replace(/kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}/g, 'kube-api-access-xxxxx')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uid>')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, '<time>')
    .replace(/(resourceVersion"?: )"\d+"/g, '$1"<rv>"')
    .replace(/^(Client Version|Kustomize Version): .*$/gm, '$1: <client>')
    .replace(/client \(\d+\.\d+\)/g, 'client (<client>)')
    // An age in a table cell, keeping the cell's width so the columns after it stay where they are.
    .replace(/(?<=\s)\d{1,2}s( *)(?=\s|$)/gm, (match) => `<age>${' '.repeat(Math.max(match.length - 5, match.endsWith(' ') ? 1 : 0))}`)
}

describe.skipIf(!KUBECTL)('the real kubectl against serve mode', () => {
  let dir = ''
  let kubeconfig = ''
  let close: () => Promise<void> = async () => {}
  const log: string[] = []

  const kubectl = (args: string[], context = 'admin'): Promise<Run> =>
    new Promise((resolve) => {
      execFile(
        KUBECTL!,
        ['--kubeconfig', kubeconfig, '--context', context, '--cache-dir', join(dir, 'cache'), ...args],
        { cwd: join(import.meta.dirname, '..', '..'), env: { PATH: process.env.PATH ?? '', HOME: dir }, timeout: 20_000 },
        (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
      )
    })

  const compare = (name: string, run: Run, exit: number) => {
    const actual = normalise(`exit: ${run.code}\n--- stdout\n${run.stdout}--- stderr\n${run.stderr}`)
    const file = join(EXPECTED, `${name}.txt`)
    // A known divergence keeps its hand-written file: it holds what a real cluster prints.
    if (UPDATE && !CASES.find((c) => c.name === name)?.divergence) writeFileSync(file, actual)
    expect(run.code, run.stderr).toBe(exit)
    // Other kubectl versions word some messages differently; only the reference version's words are checked.
    if (KUBECTL === REFERENCE_KUBECTL) expect(actual).toBe(readFileSync(file, 'utf8'))
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kube-api-lab-conformance-'))
    const started = await serve(
      { file: join(import.meta.dirname, 'conformance', 'scenario.yaml'), port: PORT, kubeconfig: join(dir, 'kubeconfig'), quiet: false },
      (line) => log.push(line),
    )
    kubeconfig = started.kubeconfig
    close = started.server.close
  }, COMMAND_TIMEOUT_MS)

  afterAll(async () => {
    await close()
    rmSync(dir, { recursive: true, force: true })
  })

  for (const c of CASES) {
    const test = c.divergence && KUBECTL === REFERENCE_KUBECTL && !UPDATE ? it.fails : it
    test(`kubectl ${c.args.join(' ')}${c.context ? ` (as ${c.context})` : ''}`, async () => {
      compare(c.name, await kubectl(c.args, c.context), c.exit)
    }, COMMAND_TIMEOUT_MS)
  }

  it(`kubectl ${WATCH_CASE.args.join(' ')} sees a pod come and go`, async () => {
    const watching = kubectl(WATCH_CASE.args)
    await new Promise((r) => setTimeout(r, 1500))
    expect((await kubectl(['create', '-f', WATCHED_POD])).code).toBe(0)
    expect((await kubectl(['delete', 'pod', 'watched'])).code).toBe(0)
    const run = await watching
    compare(WATCH_CASE.name, run, 0)
  }, COMMAND_TIMEOUT_MS)

  it('answered no request with 406 or 415, and 404 only for objects that do not exist', () => {
    const unexpected = log.filter((line) => / 40[6]| 415/.test(line) || (/ 404 /.test(line) && !/^GET \/api\/v1\/namespaces\/default\/pods\/(web|nope|api|watched) /.test(line)))
    expect(unexpected).toEqual([])
  })
})
