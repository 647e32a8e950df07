import { request as httpsRequest } from 'node:https'
import { connect } from 'node:net'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { canonicalHeaderName, warningHeader } from './http'
import { parseServeArgs, serve } from './main'
import { decodeProtobufReview } from './protobufReviews'

const PORT = 4234

interface Kubeconfig {
  clusters: { cluster: { 'certificate-authority-data': string; server: string } }[]
  contexts: { name: string; context: { user: string } }[]
  users: { name: string; user: { token?: string; 'client-certificate-data'?: string; 'client-key-data'?: string } }[]
}

const fromBase64 = (s: string | undefined) => Buffer.from(s ?? '', 'base64').toString('utf8')

/** Protobuf of a review as kubectl sends it: k8s\0, then runtime.Unknown{typeMeta, raw}. */
function protobufReview(apiVersion: string, kind: string, raw: Buffer): Buffer {
  const field = (no: number, bytes: Buffer) => Buffer.concat([Buffer.from([(no << 3) | 2, bytes.length]), bytes])
  const typeMeta = Buffer.concat([field(1, Buffer.from(apiVersion)), field(2, Buffer.from(kind))])
  return Buffer.concat([Buffer.from('k8s\0', 'latin1'), field(1, typeMeta), field(2, raw)])
}

describe('serve mode over HTTPS', () => {
  let dir = ''
  let config: Kubeconfig
  let close: () => Promise<void> = async () => {}

  const credential = (context: string) => {
    const user = config.users.find((u) => u.name === config.contexts.find((c) => c.name === context)!.context.user)!.user
    return user.token
      ? { headers: { Authorization: `Bearer ${user.token}` } }
      : { cert: fromBase64(user['client-certificate-data']), key: fromBase64(user['client-key-data']) }
  }

  const send = (method: string, path: string, options: { context?: string; headers?: Record<string, string>; body?: Buffer | string } = {}) =>
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
      const cred = credential(options.context ?? 'admin')
      const req = httpsRequest(
        {
          host: '127.0.0.1',
          port: PORT,
          method,
          path,
          ca: fromBase64(config.clusters[0]!.cluster['certificate-authority-data']),
          ...('cert' in cred ? { cert: cred.cert, key: cred.key } : {}),
          headers: { ...('headers' in cred ? cred.headers : {}), ...options.headers },
        },
        (res) => {
          let body = ''
          res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
        },
      )
      req.on('error', reject)
      req.end(options.body)
    })

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kube-api-lab-serve-'))
    const scenario = join(dir, 'scenario.yaml')
    const { writeFileSync } = await import('node:fs')
    writeFileSync(
      scenario,
      'name: serve-test\ncluster:\n  users:\n    - {name: jane, token: jane-token, groups: [developers]}\n    - {name: bob, groups: [ops, contractors]}\n',
    )
    const started = await serve({ file: scenario, port: PORT, kubeconfig: join(dir, 'kubeconfig'), quiet: true }, () => {})
    config = parse(readFileSync(started.kubeconfig, 'utf8')) as Kubeconfig
    close = started.server.close
  }, 30_000)

  afterAll(async () => {
    await close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('writes a kubeconfig with admin and one context per scenario user', () => {
    expect(config.clusters[0]!.cluster.server).toBe(`https://127.0.0.1:${PORT}`)
    expect(config.contexts.map((c) => c.name)).toEqual(['admin', 'jane', 'bob', 'system:serviceaccount:default:default'])
    expect(config.users.find((u) => u.name === 'jane')!.user).toEqual({ token: 'jane-token' })
  })

  it.each([
    ['admin', { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] }],
    ['jane', { username: 'jane', groups: ['developers', 'system:authenticated'] }],
    ['bob', { username: 'bob', groups: ['ops', 'contractors', 'system:authenticated'] }],
    [
      'system:serviceaccount:default:default',
      {
        username: 'system:serviceaccount:default:default',
        uid: expect.any(String),
        groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'],
        extra: expect.any(Object),
      },
    ],
  ])('authenticates %s from its kubeconfig credential, through a protobuf SelfSubjectReview', async (context, userInfo) => {
    const body = protobufReview('authentication.k8s.io/v1', 'SelfSubjectReview', Buffer.from([0x0a, 0x00]))
    const res = await send('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', {
      context,
      headers: { 'Content-Type': 'application/vnd.kubernetes.protobuf', Accept: 'application/vnd.kubernetes.protobuf, */*' },
      body,
    })
    expect(res.status).toBe(201)
    expect(res.headers['content-type']).toBe('application/json')
    expect(JSON.parse(res.body).status.userInfo).toEqual(userInfo)
  })

  it('answers a protobuf SelfSubjectAccessReview as the user who sent it', async () => {
    // spec{resourceAttributes{namespace: default, verb: delete, resource: pods}}
    const attrs = Buffer.concat([Buffer.from([0x0a, 7]), Buffer.from('default'), Buffer.from([0x12, 6]), Buffer.from('delete'), Buffer.from([0x2a, 4]), Buffer.from('pods')])
    const spec = Buffer.concat([Buffer.from([0x0a, attrs.length]), attrs])
    const raw = Buffer.concat([Buffer.from([0x12, spec.length]), spec])
    const res = await send('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
      context: 'jane',
      headers: { 'Content-Type': 'application/vnd.kubernetes.protobuf' },
      body: protobufReview('authorization.k8s.io/v1', 'SelfSubjectAccessReview', raw),
    })
    const review = JSON.parse(res.body)
    expect(review.spec.resourceAttributes).toEqual({ namespace: 'default', verb: 'delete', resource: 'pods' })
    expect(review.status.allowed).toBe(false)
  })

  it('writes status, headers and body as the engine answered, ending JSON with a newline', async () => {
    const res = await send('GET', '/api/v1/namespaces/default/pods/nope')
    expect(res.status).toBe(404)
    expect(res.headers['content-type']).toBe('application/json')
    expect(res.headers['audit-id']).toBeTruthy()
    expect(res.body.endsWith('}\n')).toBe(true)
    expect(JSON.parse(res.body).message).toBe('pods "nope" not found')
  })

  it('streams a watch and pushes events for writes made after it opened', async () => {
    const events: string[] = []
    const cred = credential('admin') as { cert: string; key: string }
    const watching = new Promise<void>((resolve, reject) => {
      const req = httpsRequest(
        {
          host: '127.0.0.1',
          port: PORT,
          path: '/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=5&fieldSelector=metadata.name%3Dlive',
          ca: fromBase64(config.clusters[0]!.cluster['certificate-authority-data']),
          cert: cred.cert,
          key: cred.key,
        },
        (res) => {
          expect(res.headers['transfer-encoding']).toBe('chunked')
          res.on('data', (chunk: Buffer) => {
            for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) events.push(JSON.parse(line).type)
            if (events.length === 2) {
              req.destroy()
              resolve()
            }
          })
        },
      )
      req.on('error', (error) => (events.length === 2 ? resolve() : reject(error)))
      req.end()
    })
    await new Promise((r) => setTimeout(r, 200))
    const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'live' }, data: { a: '1' } }
    expect((await send('POST', '/api/v1/namespaces/default/configmaps', { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(object) })).status).toBe(201)
    expect((await send('DELETE', '/api/v1/namespaces/default/configmaps/live')).status).toBe(200)
    await watching
    expect(events).toEqual(['ADDED', 'DELETED'])
  })

  it("answers plain HTTP with Go's 400", async () => {
    const reply = await new Promise<string>((resolve) => {
      const socket = connect(PORT, '127.0.0.1', () => socket.write('GET /api HTTP/1.1\r\nHost: x\r\n\r\n'))
      let text = ''
      socket.on('data', (chunk) => (text += chunk.toString('latin1')))
      socket.on('close', () => resolve(text))
    })
    expect(reply).toBe('HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n')
  })

  it('survives garbage on the socket and a method the engine does not know', async () => {
    await new Promise<void>((resolve) => {
      const socket = connect(PORT, '127.0.0.1', () => socket.write(Buffer.from([0xff, 0x00, 0x13, 0x37])))
      socket.on('close', () => resolve())
      socket.on('error', () => resolve())
    })
    // A handshake that never finishes holds its own connection only.
    const stuck = connect(PORT, '127.0.0.1', () => stuck.write(Buffer.from([0x16, 0x03, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5])))
    stuck.on('error', () => {})
    expect((await send('OPTIONS', '/api')).status).toBe(405)
    expect((await send('GET', '/version')).status).toBe(200)
    stuck.destroy()
  })
})

describe('protobuf reviews', () => {
  it('leaves what it does not know to the engine', () => {
    expect(decodeProtobufReview(Buffer.from('{"kind":"Pod"}'))).toEqual({ ok: false })
    expect(decodeProtobufReview(protobufReview('v1', 'Pod', Buffer.alloc(0)))).toEqual({ ok: false })
    expect(decodeProtobufReview(Buffer.from([0x6b, 0x38, 0x73, 0x00, 0x0a, 0x7f]))).toEqual({ ok: false })
  })

  it('decodes an empty SelfSubjectRulesReview spec as spec: {}', () => {
    const raw = Buffer.from([0x12, 0x09, 0x0a, 0x07, ...Buffer.from('default')])
    const decoded = decodeProtobufReview(protobufReview('authorization.k8s.io/v1', 'SelfSubjectRulesReview', raw))
    expect(decoded).toEqual({ ok: true, json: '{"kind":"SelfSubjectRulesReview","apiVersion":"authorization.k8s.io/v1","metadata":{},"spec":{"namespace":"default"}}' })
  })
})

describe('the HTTP line', () => {
  it.each([
    ['impersonate-extra-scopes', 'Impersonate-Extra-Scopes'],
    ['content-type', 'Content-Type'],
    ['USER-AGENT', 'User-Agent'],
  ])('canonicalises %s as %s', (name, canonical) => expect(canonicalHeaderName(name)).toBe(canonical))

  it('quotes warnings as NewWarningHeader does', () => {
    expect(warningHeader('say "hi" \\ now')).toBe('299 - "say \\"hi\\" \\\\ now"')
  })

  it.each([
    [['--port', '0'], { port: 0, quiet: false }],
    [['s.yaml', '--port=7000', '--kubeconfig', '/tmp/k'], { file: 's.yaml', port: 7000, kubeconfig: '/tmp/k', quiet: false }],
    [['--port', 'x'], '--port must be a port number, not "x"'],
    [['--nope'], 'unknown flag "--nope"'],
    [['a.yaml', 'b.yaml'], 'only one scenario file, not "b.yaml" as well'],
  ])('parses %j', (args, parsed) => expect(parseServeArgs(args)).toEqual(parsed))
})
