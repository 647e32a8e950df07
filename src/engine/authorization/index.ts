// kube-apiserver's authorizer union as kubeadm configures it (--authorization-mode=Node,RBAC): the built-in
// system:masters authorizer first, then Node, then RBAC. The first Allow or Deny wins; if every authorizer has no
// opinion the request is forbidden, with the non-empty reasons joined by newlines.
import { systemNodeRules } from '../bootstrap/rbacPolicy'
import { nodeAuthorizer } from './node'
import { rbacAuthorizer } from './rbac'
import type { AuthorizationAttributes, AuthorizationDecision, Authorizer, RbacObjects } from './types'

export type * from './types'
export { forbiddenMessage } from './forbidden'
export { ruleAllows, compactRuleString } from './rules'
export { aggregateClusterRoles } from './aggregation'
export { goQuote } from '../goQuote'
export { rulesFor, roleRefRules } from './resolver'
export {
  checkRoleEscalation,
  checkBindingEscalation,
  confirmNoEscalation,
  covers,
  breakdownRule,
  compactRules,
} from './escalation'
export type { EscalationCheck } from './escalation'
export { suggestFix } from './suggest'
export { canIOutput, canIListOutput, whoamiOutput } from './kubectlAuth'

const PRIVILEGED_GROUP = 'system:masters'

function privilegedGroupAuthorizer(): Authorizer {
  return {
    authorize(attrs: AuthorizationAttributes): AuthorizationDecision {
      if (attrs.user.groups.includes(PRIVILEGED_GROUP)) {
        return {
          decision: 'Allow',
          reason: '',
          authorizer: PRIVILEGED_GROUP,
          details: [
            'The user is in group system:masters, which kube-apiserver allows everything before any configured mode is asked (RBAC is not consulted).',
          ],
        }
      }
      return { decision: 'NoOpinion', reason: '', authorizer: PRIVILEGED_GROUP, details: [] }
    },
  }
}

export function unionAuthorizer(...authorizers: Authorizer[]): Authorizer {
  return {
    authorize(attrs: AuthorizationAttributes): AuthorizationDecision {
      const reasons: string[] = []
      const details: string[] = []
      for (const authorizer of authorizers) {
        const result = authorizer.authorize(attrs)
        if (result.decision !== 'NoOpinion') {
          return details.length ? { ...result, details: [...details, ...result.details] } : result
        }
        if (result.reason) reasons.push(result.reason)
        details.push(...result.details)
      }
      return { decision: 'NoOpinion', reason: reasons.join('\n'), authorizer: 'none', details }
    },
  }
}

export function createAuthorizer(rbac: RbacObjects): Authorizer {
  return unionAuthorizer(privilegedGroupAuthorizer(), nodeAuthorizer(systemNodeRules), rbacAuthorizer(rbac))
}

export { rbacAuthorizer, nodeAuthorizer }
