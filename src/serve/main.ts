// `kube-api-lab serve [scenario.yaml] --port <n> --kubeconfig <path>`: the engine behind an HTTPS server on
// 127.0.0.1 that the real kubectl can talk to, with a kubeconfig holding the scenario's identities.
import { randomUUID } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createSimulator, loadOpenApi, parseScenario, type Clock, type Scenario } from '../engine'
import { createCertificateAuthority, createServingCertificate } from './certificates'
import { ADMIN, kubeconfigUsers, kubeconfigYaml, serviceAccountUser } from './kubeconfig'
import { startServer } from './server'

const USAGE = `usage: kube-api-lab serve [scenario.yaml] [--port <n>] [--kubeconfig <path>] [--quiet]

Serves a simulated kube-apiserver v1.35 over HTTPS on 127.0.0.1, loaded with the scenario's cluster (or the
bootstrapped cluster), and writes a kubeconfig with a context per identity: admin and each scenario user.
  --port <n>          the port to listen on (default 6443; 0 picks a free one)
  --kubeconfig <path> where to write the kubeconfig (default: <tmpdir>/kube-api-lab-<port>.kubeconfig)
  --quiet             do not print a line per request`

export interface ServeArgs {
  file?: string
  port: number
  kubeconfig?: string
  quiet: boolean
}

export function parseServeArgs(args: string[]): ServeArgs | string {
  const out: ServeArgs = { port: 6443, quiet: false }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined]
    const value = () => inline ?? args[++i]
    if (flag === '--port') {
      const port = Number(value())
      if (!Number.isInteger(port) || port < 0 || port > 65535) return `--port must be a port number, not "${args[i] ?? ''}"`
      out.port = port
    } else if (flag === '--kubeconfig') {
      const path = value()
      if (!path) return '--kubeconfig needs a path'
      out.kubeconfig = path
    } else if (flag === '--quiet') out.quiet = true
    else if (flag.startsWith('-')) return `unknown flag "${arg}"`
    else if (out.file) return `only one scenario file, not "${arg}" as well`
    else out.file = arg
  }
  return out
}

/** Serve mode runs in real time: ages and timestamps are the wall clock's, as on a real cluster. */
const wallClock: Clock = { now: () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') }

function loadScenario(file: string | undefined): Scenario {
  if (!file) return { name: 'bootstrapped' }
  const parsed = parseScenario(readFileSync(file, 'utf8'))
  if (!parsed.ok) throw new Error(`${file}: ${parsed.error}`)
  return parsed.value
}

export async function serve(args: ServeArgs, print: (line: string) => void) {
  const scenario = loadScenario(args.file)
  // kubectl apply validates against /openapi/v3 and explain reads it: load the documents before serving.
  await loadOpenApi()
  const simulator = createSimulator(scenario, { clock: wallClock })
  const ca = await createCertificateAuthority()
  const [serving, users] = await Promise.all([createServingCertificate(ca), kubeconfigUsers(scenario, ca)])
  const account = simulator.handle({ method: 'GET', path: '/api/v1/namespaces/default/serviceaccounts/default', clientCertificate: ADMIN })
  const uid = (account.response.body as { metadata?: { uid?: string } }).metadata?.uid
  if (account.response.code === 200 && uid) users.push(serviceAccountUser(uid, Math.floor(Date.now() / 1000), randomUUID()))
  const server = await startServer({
    port: args.port,
    ca,
    serving,
    handle: (request) => simulator.handle(request),
    ...(args.quiet ? {} : { log: print }),
  })
  const url = `https://127.0.0.1:${server.port}`
  const kubeconfig = args.kubeconfig ?? join(tmpdir(), `kube-api-lab-${server.port}.kubeconfig`)
  writeFileSync(kubeconfig, kubeconfigYaml(url, ca, users), { mode: 0o600 })
  print(`kubeconfig: ${kubeconfig} (contexts: ${users.map((u) => u.context).join(', ')})`)
  print(`Serving on ${url}`)
  return { server, kubeconfig }
}

async function main(argv: string[]) {
  const args = argv.slice(2)
  if (args[0] === '--help' || args[0] === '-h') {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  const parsed = parseServeArgs(args)
  if (typeof parsed === 'string') {
    process.stderr.write(`error: ${parsed}\n${USAGE}\n`)
    process.exit(1)
  }
  const { server } = await serve(parsed, (line) => process.stdout.write(`${line}\n`))
  const stop = () => void server.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main(process.argv).catch((error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  })
}
