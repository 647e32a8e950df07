// The Node authorizer (plugin/pkg/auth/authorizer/node), the mode kubeadm lists before RBAC. It only speaks for
// kubelets: users named system:node:<name> in group system:nodes; for everyone else it has no opinion.
//
// Simplification: the real authorizer keeps a graph of pods bound to each node and lets a kubelet read only the
// secrets, configmaps, volumes, claims and service-account tokens those pods use. The simulator keeps no such
// graph, so for those resources it answers as the real one does for an unrelated object, and for everything else
// it checks the static node rules (the system:node ClusterRole's rules), as the real authorizer does.
import { goQuote } from '../goQuote'
import { ruleAllows } from './rules'
import type { AuthorizationAttributes, AuthorizationDecision, Authorizer, PolicyRule } from './types'

const NODE_PREFIX = 'system:node:'
const NODES_GROUP = 'system:nodes'

const graphRestricted = new Set([
  '/secrets',
  '/configmaps',
  '/persistentvolumeclaims',
  '/persistentvolumes',
  '/serviceaccounts',
  'resource.k8s.io/resourceclaims',
  'storage.k8s.io/volumeattachments',
])

/** NodeIdentity: the node name, or undefined when the user is not a node. */
export function nodeIdentity(username: string, groups: readonly string[]): string | undefined {
  if (!username.startsWith(NODE_PREFIX) || !groups.includes(NODES_GROUP)) return undefined
  return username.slice(NODE_PREFIX.length)
}

export function nodeAuthorizer(nodeRules: readonly PolicyRule[]): Authorizer {
  return {
    authorize(attrs: AuthorizationAttributes): AuthorizationDecision {
      const nodeName = nodeIdentity(attrs.user.username, attrs.user.groups)
      if (nodeName === undefined) {
        return {
          decision: 'NoOpinion',
          reason: '',
          authorizer: 'Node',
          details: [
            'Node: no opinion, the user is not a kubelet (system:node:<name> in group system:nodes).',
          ],
        }
      }
      if (nodeName === '') {
        return {
          decision: 'NoOpinion',
          reason: `unknown node for user ${goQuote(attrs.user.username)}`,
          authorizer: 'Node',
          details: ['Node: the user is in group system:nodes but its name carries no node name.'],
        }
      }
      if (attrs.isResourceRequest && graphRestricted.has(`${attrs.apiGroup}/${attrs.resource}`)) {
        return {
          decision: 'NoOpinion',
          reason: `no relationship found between node '${nodeName}' and this object`,
          authorizer: 'Node',
          details: [
            `Node: a kubelet may only reach ${attrs.resource} used by pods bound to its node; the simulator tracks no pods bound to ${goQuote(nodeName)}.`,
          ],
        }
      }
      for (const rule of nodeRules) {
        if (ruleAllows(attrs, rule)) {
          return {
            decision: 'Allow',
            reason: '',
            authorizer: 'Node',
            details: [`Node: allowed for node ${goQuote(nodeName)} by the static node rules.`],
          }
        }
      }
      return {
        decision: 'NoOpinion',
        reason: '',
        authorizer: 'Node',
        details: [`Node: no static node rule allows this request for node ${goQuote(nodeName)}.`],
      }
    },
  }
}
