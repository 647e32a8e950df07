// `kubectl auth can-i` must tell the truth: for every request of every bundled scenario, asking first gives
// "yes" exactly when sending the request gets past authorization.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseScenario } from './scenario/parse'
import { createSimulator } from './simulator'

const dir = join(import.meta.dirname, '..', 'scenarios')
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'))

describe('kubectl auth can-i agrees with what sending does', () => {
  it.each(files)('%s', (file) => {
    const parsed = parseScenario(readFileSync(join(dir, file), 'utf8'))
    if (!parsed.ok) throw new Error(parsed.error)
    const simulator = createSimulator(parsed.value)
    let compared = 0
    for (const request of parsed.value.requests ?? []) {
      if (request.verb === 'can-i' || request.verb === 'whoami') continue
      const identity = { as: request.as, token: request.token, impersonate: request.impersonate }
      for (const result of simulator.run(request)) {
        for (const call of result.calls) {
          const info = call.requestInfo
          const reachedAuthorization = call.trace.some((t) => t.stage === 'authorization')
          if (!info || !reachedAuthorization) continue
          const resource = info.isResourceRequest
            ? { resource: info.apiGroup ? `${info.resource}.${info.apiGroup}` : info.resource, subresource: info.subresource || undefined, name: info.name || undefined }
            : { nonResourceURL: info.path }
          const [answer] = simulator.run({
            ...identity,
            verb: 'can-i',
            namespace: info.namespace || undefined,
            canI: { verb: info.verb, ...resource },
          })
          const allowed = call.stoppedAt !== 'authorization'
          // A requester who may not even create the review (anonymous) gets that 403 instead of an answer.
          expect(answer!.kubectl.split('\n').at(-1), `${file}: ${call.request.method} ${call.request.path}`).toMatch(
            allowed ? /^yes$/ : /^(no|Error from server \(Forbidden\): selfsubjectaccessreviews)/,
          )
          compared++
        }
      }
    }
    // Scenarios whose requests all fail authentication have nothing to compare.
    if (compared === 0) expect(file).toMatch(/unknown-token|anonymous-off/)
  })
})
