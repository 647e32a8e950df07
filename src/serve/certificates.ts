// The PKI a kubeadm cluster has, made fresh for each run: a CA named `kubernetes`, a serving certificate for
// 127.0.0.1 and localhost, and client certificates whose subject is the identity (CN the user name, O each
// group), which is all kube-apiserver's x509 authenticator reads.
import { generate } from 'selfsigned'

export interface KeyPair {
  cert: string
  key: string
}

export interface ClientIdentity {
  commonName: string
  organizations: string[]
}

// EC keys: an RSA key per user would make start-up take seconds.
const KEY = { keyType: 'ec', algorithm: 'sha256' } as const

const validity = () => {
  const notBeforeDate = new Date()
  notBeforeDate.setMinutes(notBeforeDate.getMinutes() - 5)
  const notAfterDate = new Date(notBeforeDate)
  notAfterDate.setFullYear(notAfterDate.getFullYear() + 1)
  return { notBeforeDate, notAfterDate }
}

export async function createCertificateAuthority(): Promise<KeyPair> {
  const pems = await generate([{ name: 'commonName', value: 'kubernetes' }], {
    ...KEY,
    ...validity(),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, digitalSignature: true, keyEncipherment: true, critical: true },
    ],
  })
  return { cert: pems.cert, key: pems.private }
}

export async function createServingCertificate(ca: KeyPair): Promise<KeyPair> {
  const pems = await generate([{ name: 'commonName', value: 'kube-apiserver' }], {
    ...KEY,
    ...validity(),
    ca: { key: ca.key, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 2, value: 'kubernetes' },
          { type: 2, value: 'kubernetes.default.svc' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  })
  return { cert: pems.cert, key: pems.private }
}

export async function createClientCertificate(ca: KeyPair, identity: ClientIdentity): Promise<KeyPair> {
  const subject = [
    { name: 'commonName', value: identity.commonName },
    ...identity.organizations.map((o) => ({ name: 'organizationName', value: o })),
  ]
  const pems = await generate(subject, {
    ...KEY,
    ...validity(),
    ca: { key: ca.key, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', clientAuth: true },
    ],
  })
  return { cert: pems.cert, key: pems.private }
}
