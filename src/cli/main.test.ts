// The command line as a user runs it: a real process, real files, exit codes and output.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..')
const tsx = join(root, 'node_modules', '.bin', 'tsx')
const cli = (...args: string[]) => spawnSync(tsx, [join(root, 'src/cli/main.ts'), ...args], { encoding: 'utf8', cwd: root })

// Each case starts a process; on a busy machine that alone can take seconds.
describe('kube-api-lab run', { timeout: 60_000 }, () => {
  it('prints what kubectl would print for each request', () => {
    const out = execFileSync(tsx, ['src/cli/main.ts', 'run', 'src/scenarios/02-rbac-forbidden.yaml'], { cwd: root, encoding: 'utf8' })
    const lines = out.trimEnd().split('\n')
    expect(lines[0]).toBe(
      'Error from server (Forbidden): error when creating "manifest.yaml": pods is forbidden: User "jane" cannot create resource "pods" in API group "" in the namespace "dev"',
    )
    expect(out).toContain('nodes is forbidden: User "jane" cannot list resource "nodes" in API group "" at the cluster scope')
  })

  it('prints one JSON document with --output json', () => {
    const result = cli('run', 'src/scenarios/04-unknown-token.yaml', '--output', 'json')
    expect(result.status).toBe(0)
    const doc = JSON.parse(result.stdout)
    expect(doc.name).toBe('unknown-token')
    expect(doc.results).toHaveLength(1)
    const [first] = doc.results
    expect(first.request).toEqual({ method: 'GET', path: '/api/v1/namespaces/default/pods', user: null })
    expect(first.response.code).toBe(401)
    expect(first.response.body).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 })
    expect(first.stoppedAt).toBe('authentication')
    expect(first.kubectl).toBe('error: You must be logged in to the server (Unauthorized)')
    expect(first.trace.map((t: { stage: string }) => t.stage)).toEqual(['http', 'authentication'])
  })

  it('reports the user after authentication', () => {
    const doc = JSON.parse(cli('run', 'src/scenarios/02-rbac-forbidden.yaml', '-o', 'json').stdout)
    expect(doc.results[0].request.user).toEqual({ username: 'jane', groups: ['developers', 'system:authenticated'] })
  })

  it.each([
    ['an unreadable file', ['run', 'no/such/file.yaml'], /^error: cannot read no\/such\/file\.yaml: ENOENT/],
    ['an invalid scenario', ['run', 'BAD'], /^error: .*requests\[0\]\.verb: must be one of create, apply, get, list, watch, delete, update, patch, can-i, whoami/],
    ['malformed YAML', ['run', 'MALFORMED'], /^error: .*malformed\.yaml: line 1: Nested mappings are not allowed in compact mappings$/],
    ['an unknown flag', ['run', 'src/scenarios/01-pod-created.yaml', '--bogus'], /^error: unknown flag "--bogus"/],
  ])('exits non-zero with a one-line error for %s', (_, args, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'kal-'))
    writeFileSync(join(dir, 'bad.yaml'), 'name: bad\nrequests:\n  - verb: patchh\n')
    writeFileSync(join(dir, 'malformed.yaml'), 'name: x\n  requests: [\n')
    const resolved = args.map((a) => (a === 'BAD' ? join(dir, 'bad.yaml') : a === 'MALFORMED' ? join(dir, 'malformed.yaml') : a))
    const result = cli(...resolved)
    expect(result.status).not.toBe(0)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(result.stderr.trim()).toMatch(message)
  })
})
