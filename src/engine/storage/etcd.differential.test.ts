// Differential test: seeded random sequences of puts, deletes, transactions with compares, compactions and
// reads at past revisions, run against the model and against a real etcd (Debian's etcd-server, 3.4.x)
// through its v3 JSON gateway on 127.0.0.1. Every response is compared: header revisions, create/mod
// revisions, versions, values, `more`/`count`, txn outcomes and error messages.
// Node only: it starts a process and talks HTTP to loopback. Under CI a missing etcd is a failure.
/* eslint-disable no-restricted-globals -- this test, unlike the engine, must reach a real etcd on 127.0.0.1 and wait for it */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createEtcd,
  prefixEnd,
  wireMessage,
  type Compare,
  type Etcd,
  type KeyValue,
  type TxnOp,
} from './etcd'

const ETCD = '/usr/bin/etcd'
const present = existsSync(ETCD)
const SEQUENCES = 20
const OPS = 50

if (!present && process.env.CI) {
  describe('etcd differential', () => {
    it('needs /usr/bin/etcd under CI (apt-get install -y etcd-server)', () => {
      expect.fail(`${ETCD} is missing: CI must install etcd-server`)
    })
  })
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64')
const unb64 = (s: string | undefined) => Buffer.from(s ?? '', 'base64').toString('utf8')
const num = (s: unknown) => Number(s ?? 0)

/** mulberry32, as the engine's seeded ids use. */
function rng(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: T[]) => xs[Math.floor(next() * xs.length)]!,
  }
}

// --- the gateway's JSON, normalised to the model's shapes ---

type GwKv = {
  key: string
  create_revision?: string
  mod_revision?: string
  version?: string
  value?: string
  lease?: string
}
const fromGw = (kv: GwKv): KeyValue<string> => ({
  key: unb64(kv.key),
  value: unb64(kv.value),
  createRevision: num(kv.create_revision),
  modRevision: num(kv.mod_revision),
  version: num(kv.version),
  lease: num(kv.lease),
})

type Outcome = Record<string, unknown>

function gwOp(op: TxnOp<string>) {
  if (op.type === 'put')
    return { request_put: { key: b64(op.key), value: b64(op.value), prev_kv: op.prevKv ?? false } }
  if (op.type === 'delete')
    return {
      request_delete_range: {
        key: b64(op.key),
        ...(op.end ? { range_end: b64(op.end) } : {}),
        prev_kv: op.prevKv ?? false,
      },
    }
  return {
    request_range: {
      key: b64(op.key),
      ...(op.end ? { range_end: b64(op.end) } : {}),
      revision: op.revision ?? 0,
      limit: op.limit ?? 0,
    },
  }
}

const gwTarget = { mod: 'MOD', create: 'CREATE', version: 'VERSION', value: 'VALUE', lease: 'LEASE' } as const
const gwResult = { '=': 'EQUAL', '!=': 'NOT_EQUAL', '<': 'LESS', '>': 'GREATER' } as const
function gwCompare(c: Compare<string>) {
  const field = {
    mod: 'mod_revision',
    create: 'create_revision',
    version: 'version',
    value: 'value',
    lease: 'lease',
  }[c.target]
  return {
    key: b64(c.key),
    target: gwTarget[c.target],
    result: gwResult[c.result],
    [field]: c.target === 'value' ? b64(String(c.value)) : String(c.value),
  }
}

type Step =
  | { kind: 'txn'; compare: Compare<string>[]; success: TxnOp<string>[]; failure: TxnOp<string>[] }
  | { kind: 'compact'; revision: number }
  | { kind: 'range'; key: string; end?: string; revision: number; limit: number }

function generate(seed: number, model: Etcd<string>): Step[] {
  const r = rng(seed)
  const keys = [
    '/registry/pods/a/x',
    '/registry/pods/a/y',
    '/registry/pods/b/z',
    '/registry/configmaps/a/c',
    '/k',
  ]
  const op = (): TxnOp<string> => {
    const roll = r.int(10)
    if (roll < 5) return { type: 'put', key: r.pick(keys), value: `v${r.int(5)}`, prevKv: r.int(2) === 0 }
    if (roll < 7) return { type: 'delete', key: r.pick(keys), prevKv: r.int(2) === 0 }
    if (roll < 8)
      return { type: 'delete', key: '/registry/pods/', end: prefixEnd('/registry/pods/'), prevKv: true }
    const prefix = r.pick(['/registry/', '/registry/pods/', '/k', '/registry/pods/a/'])
    return { type: 'range', key: prefix, end: prefixEnd(prefix), revision: 0, limit: r.int(3) }
  }
  const revisionNear = () => Math.max(0, model.revision() + r.int(6) - 4)
  const steps: Step[] = []
  // Steps are generated one by one against the model so revisions in compares and reads stay relevant.
  for (let i = 0; i < OPS; i++) {
    const roll = r.int(20)
    let step: Step
    if (roll < 3) step = { kind: 'compact', revision: revisionNear() }
    else if (roll < 6) {
      const prefix = r.pick(['/registry/', '/registry/pods/', '/k', '/'])
      step = { kind: 'range', key: prefix, end: prefixEnd(prefix), revision: revisionNear(), limit: r.int(4) }
    } else {
      const compare: Compare<string>[] = []
      for (let c = r.int(3); c > 0; c--) {
        const target = r.pick(['mod', 'create', 'version', 'value'] as const)
        compare.push({
          key: r.pick(keys),
          target,
          result: r.pick(['=', '!=', '<', '>'] as const),
          value:
            target === 'value'
              ? `v${r.int(5)}`
              : target === 'version'
                ? r.int(4)
                : Math.max(0, model.revision() - r.int(4)),
        })
      }
      const success = Array.from({ length: 1 + r.int(3) }, op)
      const failure = Array.from({ length: r.int(3) }, op)
      step = { kind: 'txn', compare, success, failure }
    }
    steps.push(step)
    apply(model, step)
  }
  return steps
}

function apply(model: Etcd<string>, step: Step): Outcome {
  if (step.kind === 'compact') {
    const result = model.compact(step.revision)
    return result.ok ? { ok: true, revision: model.revision() } : { error: wireMessage(result.error).message }
  }
  if (step.kind === 'range') {
    const result = model.rangeKeys(
      { key: step.key, end: step.end },
      { revision: step.revision, limit: step.limit },
    )
    if (!result.ok) return { error: wireMessage(result.error).message }
    return { revision: result.revision, kvs: result.kvs, more: result.more, count: result.count }
  }
  const result = model.txn({ compare: step.compare, success: step.success, failure: step.failure })
  if (!result.ok) return { error: wireMessage(result.error).message }
  return {
    revision: result.revision,
    succeeded: result.succeeded,
    responses: result.responses.map((r) => {
      if (r.type === 'range')
        return { type: 'range', revision: r.revision, kvs: r.kvs, more: r.more, count: r.count }
      if (r.type === 'delete')
        return { type: 'delete', revision: r.revision, deleted: r.deleted, prevKvs: r.prevKvs ?? [] }
      return { type: 'put', revision: r.revision, prevKv: r.prevKv ?? null }
    }),
  }
}

async function post(base: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${base}${path}`, { method: 'POST', body: JSON.stringify(body) })
  return (await response.json()) as Record<string, unknown>
}

async function applyReal(base: string, step: Step): Promise<Outcome> {
  const errorOf = (json: Record<string, unknown>) =>
    json.error ? { error: json.message ?? json.error } : undefined
  const header = (json: Record<string, unknown>) =>
    num((json.header as { revision?: string } | undefined)?.revision)
  if (step.kind === 'compact') {
    const json = await post(base, '/v3/kv/compaction', { revision: step.revision })
    return errorOf(json) ?? { ok: true, revision: header(json) }
  }
  if (step.kind === 'range') {
    const json = await post(base, '/v3/kv/range', {
      key: b64(step.key),
      ...(step.end ? { range_end: b64(step.end) } : {}),
      revision: step.revision,
      limit: step.limit,
    })
    return (
      errorOf(json) ?? {
        revision: header(json),
        kvs: ((json.kvs as GwKv[]) ?? []).map(fromGw),
        more: json.more === true,
        count: num(json.count),
      }
    )
  }
  const json = await post(base, '/v3/kv/txn', {
    compare: step.compare.map(gwCompare),
    success: step.success.map(gwOp),
    failure: step.failure.map(gwOp),
  })
  const err = errorOf(json)
  if (err) return err
  type GwResponse = {
    response_put?: { header?: { revision?: string }; prev_kv?: GwKv }
    response_range?: { header?: { revision?: string }; kvs?: GwKv[]; more?: boolean; count?: string }
    response_delete_range?: { header?: { revision?: string }; deleted?: string; prev_kvs?: GwKv[] }
  }
  return {
    revision: header(json),
    succeeded: json.succeeded === true,
    responses: ((json.responses as GwResponse[]) ?? []).map((r) => {
      if (r.response_range)
        return {
          type: 'range',
          revision: num(r.response_range.header?.revision),
          kvs: (r.response_range.kvs ?? []).map(fromGw),
          more: r.response_range.more === true,
          count: num(r.response_range.count),
        }
      if (r.response_delete_range)
        return {
          type: 'delete',
          revision: num(r.response_delete_range.header?.revision),
          deleted: num(r.response_delete_range.deleted),
          prevKvs: (r.response_delete_range.prev_kvs ?? []).map(fromGw),
        }
      const put = r.response_put ?? {}
      return {
        type: 'put',
        revision: num(put.header?.revision),
        prevKv: put.prev_kv ? fromGw(put.prev_kv) : null,
      }
    }),
  }
}

describe.skipIf(!present)('etcd differential: the model against a real etcd', () => {
  let proc: ChildProcess | undefined
  let dir = ''
  const servers: string[] = []

  async function startEtcd(): Promise<string> {
    const client = await freePort()
    const peer = await freePort()
    const data = join(dir, `member-${servers.length}`)
    const base = `http://127.0.0.1:${client}`
    proc = spawn(
      ETCD,
      [
        '--name',
        'default',
        '--data-dir',
        data,
        '--listen-client-urls',
        base,
        '--advertise-client-urls',
        base,
        '--listen-peer-urls',
        `http://127.0.0.1:${peer}`,
        '--initial-advertise-peer-urls',
        `http://127.0.0.1:${peer}`,
        '--initial-cluster',
        `default=http://127.0.0.1:${peer}`,
        '--log-level',
        'error',
      ],
      { stdio: 'ignore' },
    )
    for (let i = 0; i < 100; i++) {
      try {
        const health = await fetch(`${base}/health`)
        if (health.ok) return base
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    throw new Error('etcd did not become healthy within 10 s')
  }

  function stopEtcd() {
    if (proc && proc.exitCode === null) proc.kill('SIGKILL')
    proc = undefined
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'etcd-diff-'))
  })

  afterAll(() => {
    stopEtcd()
    rmSync(dir, { recursive: true, force: true })
  })

  it(`agrees on ${SEQUENCES} generated sequences of ${OPS} operations`, { timeout: 120_000 }, async () => {
    let compared = 0
    // What the sequences exercised, so a generator that drifts into trivial cases shows up as a failure.
    const seen = new Set<string>()
    for (let seed = 1; seed <= SEQUENCES; seed++) {
      // A fresh etcd per sequence: every run starts at revision 1, as the model does.
      stopEtcd()
      const base = await startEtcd()
      servers.push(base)
      const steps = generate(seed, createEtcd<string>())
      const model = createEtcd<string>()
      for (const [i, step] of steps.entries()) {
        const expected = await applyReal(base, step)
        const actual = apply(model, step)
        expect(actual, `seed ${seed} step ${i}: ${JSON.stringify(step)}`).toEqual(expected)
        compared++
        if (typeof expected.error === 'string') seen.add(expected.error)
        else if (step.kind === 'txn') seen.add(expected.succeeded ? 'txn succeeded' : 'txn failed')
        else if (step.kind === 'range' && expected.more) seen.add('range with more')
        else if (step.kind === 'range' && step.revision > 0) seen.add('range in the past')
        else seen.add(`${step.kind} ok`)
      }
    }
    expect(compared).toBe(SEQUENCES * OPS)
    expect([...seen].sort()).toEqual(
      [
        'compact ok',
        'etcdserver: duplicate key given in txn request',
        'etcdserver: mvcc: required revision has been compacted',
        'etcdserver: mvcc: required revision is a future revision',
        'range in the past',
        'range with more',
        'range ok',
        'txn failed',
        'txn succeeded',
      ].sort(),
    )
  })
})
