// kube-api-lab's command line: run a scenario against a fresh simulated cluster and print what kubectl
// would have printed, or the whole story as JSON.
import { readFileSync } from 'node:fs'
import { createSimulator, loadOpenApi, parseScenario } from '../engine'
import type { KubectlResult } from '../engine'

const USAGE = `usage: kube-api-lab run <scenario.yaml> [--output text|json]

Runs every request of the scenario against a fresh simulated kube-apiserver v1.35.
  --output text   what kubectl prints for each request (default)
  --output json   one JSON document: each request, the user, the response, the stage that stopped it, the trace

       kube-api-lab lesson check <lesson.yaml>... | --all [--output text|json]

Walks every step of each lesson; see \`kube-api-lab lesson --help\`.`

function fail(message: string): never {
  console.error(`error: ${message}`)
  return process.exit(1)
}

function toJson(result: KubectlResult) {
  return {
    name: result.name,
    request: result.request,
    response: { code: result.response.code, body: result.response.body, ...(result.response.warnings.length ? { warnings: result.response.warnings } : {}) },
    stoppedAt: result.stoppedAt,
    kubectl: result.kubectl,
    commandLine: result.commandLine,
    // A command kubectl turns into several HTTP calls (apply) shows every call's path through the server.
    trace: result.calls.flatMap((call) => call.trace),
  }
}

async function main(argv: string[]): Promise<void> {
  const args = argv.slice(2)
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h') {
    console.log(USAGE)
    return
  }
  const [command, file, ...rest] = args
  if (command === 'lesson') {
    // Loaded only when asked for: the lesson schema and CEL make every other command slower to start.
    void import('./lesson').then(({ lessonCommand }) => {
      process.exitCode = lessonCommand(args.slice(1), fail)
    })
    return
  }
  if (command !== 'run') fail(`unknown command "${command}"\n${USAGE}`)
  if (!file) fail('run needs a scenario file')
  let output = 'text'
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!
    if (arg === '--output' || arg === '-o') output = rest[++i] ?? ''
    else if (arg.startsWith('--output=')) output = arg.slice('--output='.length)
    else fail(`unknown flag "${arg}"`)
  }
  if (output !== 'text' && output !== 'json') fail(`--output must be text or json, not "${output}"`)

  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    fail(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`)
  }
  const parsed = parseScenario(text)
  if (!parsed.ok) fail(`${file}: ${parsed.error}`)
  const scenario = parsed.value
  // The OpenAPI documents are large: loaded only for a scenario that asks for them.
  if ((scenario.requests ?? []).some((r) => r.raw?.startsWith('/openapi'))) await loadOpenApi()
  let simulator
  try {
    simulator = createSimulator(scenario)
  } catch (error) {
    fail(`${file}: ${error instanceof Error ? error.message : String(error)}`)
  }
  const results = (scenario.requests ?? []).flatMap((request) => simulator.run(request))
  if (output === 'json') {
    console.log(JSON.stringify({ name: scenario.name, results: results.map(toJson) }, null, 2))
    return
  }
  for (const result of results) console.log(result.kubectl)
}

void main(process.argv)
