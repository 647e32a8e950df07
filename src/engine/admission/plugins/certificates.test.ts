import { describe, expect, it } from 'vitest'
import type { AuthorizationAttributes } from '../../authorization/types'
import type { KubeObject } from '../../types'
import { certificateApproval } from './certificateApproval'
import { certificateSigning } from './certificateSigning'
import { certificateSubjectRestriction } from './certificateSubjectRestriction'
import { attrs, context, decision } from './testkit'

// openssl req -new -newkey ec -subj "/CN=mallory/O=system:masters" | base64
const MASTERS_CSR =
  'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlIbU1JR05BZ0VBTUNzeEVEQU9CZ05WQkFNTUIyMWhiR3h2Y25reEZ6QVZCZ05WQkFvTURuTjVjM1JsYlRwdApZWE4wWlhKek1Ga3dFd1lIS29aSXpqMENBUVlJS29aSXpqMERBUWNEUWdBRUVqY1pBeS9YRU9hMmxRbnhsNmVyCitDbmszZGxPMko5Y0hhekdYd3BVS3M1WENma3pxQU45bHliRHBTMVZoVklUVHlMdG5RdEhucm8za09CdW9DNXUKaEtBQU1Bb0dDQ3FHU000OUJBTUNBMGdBTUVVQ0lEUEVGWW92NkZJcmR0N3ZjSldhbWFJbjJhbFRQZXlncno3awpFaFVEUGt3QUFpRUFwalY4SWJOUzRKSnl3cmErbzJ3TXN3Wmp2aGZ6MXFPaitDdytNQmJaRnZ3PQotLS0tLUVORCBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0K'
// openssl req -new -newkey ec -subj "/CN=jane/O=developers" | base64
const JANE_CSR =
  'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlIZU1JR0dBZ0VBTUNReERUQUxCZ05WQkFNTUJHcGhibVV4RXpBUkJnTlZCQW9NQ21SbGRtVnNiM0JsY25NdwpXVEFUQmdjcWhrak9QUUlCQmdncWhrak9QUU1CQndOQ0FBUTh4aHc4RngwMEJSN1dZdWMrZ3JpWjNRcWJxT1h2Clk0aVQzZ0xqaVBoQlpyQWZiUnIwY2pWaVo2U3EzcVo2cVpWemRyQjV3SzhxNmQ5SVlPMFFmcjd2b0FBd0NnWUkKS29aSXpqMEVBd0lEUndBd1JBSWdCNVRIUDNUb1dWQ1hPaGs4cXlyZUYrcjY0dXZ3blgxeXFNSkRGakNiTnp3QwpJQlpFSnlrbkp0ZjkwWGZwSGxRQUJJb2U4NmMvRWZGU2orS01sT2puaElZWAotLS0tLUVORCBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0K'

const csr = (
  request: string,
  signerName = 'kubernetes.io/kube-apiserver-client',
  status: Record<string, unknown> = {},
): KubeObject => ({
  apiVersion: 'certificates.k8s.io/v1',
  kind: 'CertificateSigningRequest',
  metadata: { name: 'csr-1' },
  spec: { request, signerName, usages: ['client auth'] },
  status,
})

describe('CertificateSubjectRestriction', () => {
  it.each([
    {
      name: 'system:masters for the kube-apiserver-client signer',
      obj: csr(MASTERS_CSR),
      message:
        'certificatesigningrequests.certificates.k8s.io "csr-1" is forbidden: use of kubernetes.io/kube-apiserver-client signer with system:masters group is not allowed',
    },
    {
      name: 'a request that is not PEM',
      obj: csr(btoa('hello')),
      message:
        'certificatesigningrequests.certificates.k8s.io "csr-1" is forbidden: failed to parse CSR: PEM block type must be CERTIFICATE REQUEST',
    },
    { name: 'an ordinary group', obj: csr(JANE_CSR), message: undefined },
    {
      name: 'system:masters for another signer',
      obj: csr(MASTERS_CSR, 'example.com/internal'),
      message: undefined,
    },
  ])('$name', ({ obj, message }) => {
    const verdict = certificateSubjectRestriction.validate!(
      attrs('certificatesigningrequests', 'CREATE', obj),
      context(),
    )
    if (message === undefined) expect(verdict.allowed).toBe(true)
    else {
      expect(verdict.allowed).toBe(false)
      if (!verdict.allowed) expect(verdict.status.message).toBe(message)
    }
  })

  it('ignores subresources', () => {
    const a = attrs('certificatesigningrequests', 'CREATE', csr(MASTERS_CSR), { subresource: 'status' })
    expect(certificateSubjectRestriction.validate!(a, context())).toMatchObject({ skipped: true })
  })
})

describe('CertificateApproval and CertificateSigning', () => {
  const asked: AuthorizationAttributes[] = []
  const authorize = (allow: (a: AuthorizationAttributes) => boolean) => (a: AuthorizationAttributes) => {
    asked.push(a)
    return decision(allow(a))
  }
  const old = csr(JANE_CSR, 'example.com/signer')

  it.each([
    {
      plugin: certificateApproval,
      sub: 'approval',
      verb: 'approve',
      next: csr(JANE_CSR, 'example.com/signer', { conditions: [{ type: 'Approved', status: 'True' }] }),
    },
    {
      plugin: certificateSigning,
      sub: 'status',
      verb: 'sign',
      next: csr(JANE_CSR, 'example.com/signer', { certificate: 'Y2VydA==' }),
    },
  ])(
    '$plugin.name asks for $verb on the signer, then on the domain wildcard',
    ({ plugin, sub, verb, next }) => {
      asked.length = 0
      const a = attrs('certificatesigningrequests', 'UPDATE', next, { subresource: sub, oldObject: old })
      const denied = plugin.validate!(a, context([], { authorize: authorize(() => false) }))
      expect(denied.allowed).toBe(false)
      if (!denied.allowed)
        expect(denied.status.message).toBe(
          `certificatesigningrequests.certificates.k8s.io "csr-1" is forbidden: user not permitted to ${verb} requests with signerName "example.com/signer"`,
        )
      expect(asked.map((x) => [x.verb, x.apiGroup, x.resource, x.name])).toEqual([
        [verb, 'certificates.k8s.io', 'signers', 'example.com/signer'],
        [verb, 'certificates.k8s.io', 'signers', 'example.com/*'],
      ])
      const allowedByWildcard = plugin.validate!(
        a,
        context([], { authorize: authorize((x) => x.name === 'example.com/*') }),
      )
      expect(allowedByWildcard.allowed).toBe(true)
    },
  )

  it('CertificateSigning lets status updates through that change neither certificate nor conditions', () => {
    const a = attrs('certificatesigningrequests', 'UPDATE', csr(JANE_CSR, 'example.com/signer'), {
      subresource: 'status',
      oldObject: old,
    })
    expect(certificateSigning.validate!(a, context([], { authorize: () => decision(false) })).allowed).toBe(
      true,
    )
  })

  it('CertificateApproval ignores the main resource', () => {
    const a = attrs('certificatesigningrequests', 'UPDATE', old, { oldObject: old })
    expect(certificateApproval.validate!(a, context())).toMatchObject({ skipped: true })
  })
})
