// The kubeconfig serve mode writes: one cluster (the server and its CA), a context `admin` with kubeadm's
// kubernetes-admin client certificate, and a context per scenario user named after the user, holding the
// credential that user presents: its static token, or a client certificate carrying its CN and O.
import { stringify } from 'yaml'
import { issueServiceAccountToken, SERVICE_ACCOUNT_ISSUER, serviceAccountUsername, type Scenario } from '../engine'
import { createClientCertificate, type KeyPair } from './certificates'

export const ADMIN = { commonName: 'kubernetes-admin', organizations: ['kubeadm:cluster-admins'] }

type Credential = { token: string } | { 'client-certificate-data': string; 'client-key-data': string }

export interface NamedUser {
  context: string
  user: string
  credential: Credential
}

const base64 = (pem: string) => Buffer.from(pem).toString('base64')

async function certificateCredential(ca: KeyPair, commonName: string, organizations: string[]): Promise<Credential> {
  const pair = await createClientCertificate(ca, { commonName, organizations })
  return { 'client-certificate-data': base64(pair.cert), 'client-key-data': base64(pair.key) }
}

/**
 * A bound token for the `default` service account of `default`, valid for a year from now, as
 * `kubectl create token default --duration=8760h` would give.
 */
export function serviceAccountUser(uid: string, nowSeconds: number, jti: string): NamedUser {
  const name = serviceAccountUsername('default', 'default')
  const token = issueServiceAccountToken({
    aud: [SERVICE_ACCOUNT_ISSUER],
    exp: nowSeconds + 365 * 24 * 3600,
    iat: nowSeconds,
    iss: SERVICE_ACCOUNT_ISSUER,
    jti,
    'kubernetes.io': { namespace: 'default', serviceaccount: { name: 'default', uid } },
    nbf: nowSeconds,
    sub: name,
  })
  return { context: name, user: name, credential: { token } }
}

/** The contexts to write, admin first. OIDC users are left out: kubectl would need an exec plugin for them. */
export async function kubeconfigUsers(scenario: Scenario, ca: KeyPair): Promise<NamedUser[]> {
  const users: NamedUser[] = [
    { context: 'admin', user: 'kubernetes-admin', credential: await certificateCredential(ca, ADMIN.commonName, ADMIN.organizations) },
  ]
  for (const user of scenario.cluster?.users ?? []) {
    if (user.oidc) continue
    const credential = user.token
      ? { token: user.token }
      : await certificateCredential(
          ca,
          user.clientCertificate?.commonName ?? user.name,
          user.clientCertificate?.organizations ?? user.groups ?? [],
        )
    users.push({ context: user.name, user: user.name, credential })
  }
  return users
}

export function kubeconfigYaml(server: string, ca: KeyPair, users: NamedUser[]): string {
  return stringify({
    apiVersion: 'v1',
    clusters: [{ cluster: { 'certificate-authority-data': base64(ca.cert), server }, name: 'kube-api-lab' }],
    contexts: users.map((u) => ({ context: { cluster: 'kube-api-lab', user: u.user }, name: u.context })),
    'current-context': 'admin',
    kind: 'Config',
    preferences: {},
    users: users.map((u) => ({ name: u.user, user: u.credential })),
  })
}
