// ValidateJobSpecUpdate (pkg/apis/batch/validation): a Job's template, selector, completionMode and failure
// and success policies are immutable; parallelism and suspend are not.
import { describe, expect, it } from 'vitest'
import { createSimulator } from '../simulator'
import type { HttpRequest } from '../types'

const ADMIN = { clientCertificate: { commonName: 'kubernetes-admin', organizations: ['kubeadm:cluster-admins'] } }
const JOBS = '/apis/batch/v1/namespaces/default/jobs'

function setup() {
  const sim = createSimulator({ name: 'jobs' })
  const send = (method: HttpRequest['method'], path: string, body?: unknown, contentType = 'application/json') =>
    sim.handle({ method, path, ...ADMIN, headers: body === undefined ? {} : { 'Content-Type': contentType }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
  const created = send('POST', JOBS, {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi' },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] } } },
  })
  expect(created.response.code).toBe(201)
  return send
}

describe('Job updates', () => {
  it.each([
    [{ spec: { completionMode: 'Indexed' } }, /^Job\.batch "pi" is invalid: .*spec\.completionMode: Invalid value: "Indexed": field is immutable/],
    [{ spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl:5.40' }] } } } }, /^Job\.batch "pi" is invalid: spec\.template: Invalid value: \{.*\}: field is immutable$/],
  ])('%j is refused', (patch, message) => {
    const send = setup()
    const res = send('PATCH', `${JOBS}/pi`, patch, 'application/strategic-merge-patch+json')
    expect(res.response.code).toBe(422)
    expect((res.response.body as { message: string }).message).toMatch(message)
  })

  it.each([{ spec: { parallelism: 3 } }, { spec: { suspend: true } }])('%j is allowed', (patch) => {
    const send = setup()
    expect(send('PATCH', `${JOBS}/pi`, patch, 'application/merge-patch+json').response.code).toBe(200)
  })
})
