// RBAC validation (pkg/apis/rbac/validation): names are only required to be valid path segments.
import { invalid, notSupported, pushMessages, required, type ErrorList } from './errors'
import { validateObjectMeta } from './meta'
import { nameIsDNSSubdomain, pathSegmentName } from './names'
import { validateLabelSelector } from './workloads'
import { asObj, isObj, list, str, type Obj } from './util'

const RBAC_GROUP = 'rbac.authorization.k8s.io'

function validatePolicyRule(errs: ErrorList, rule: Obj, namespaced: boolean, path: string): void {
  if (list(rule.verbs).length === 0)
    errs.push(required(`${path}.verbs`, 'verbs must contain at least one value'))
  const urls = list(rule.nonResourceURLs)
  if (urls.length > 0) {
    if (namespaced) {
      errs.push(
        invalid(`${path}.nonResourceURLs`, urls, 'namespaced rules cannot apply to non-resource URLs'),
      )
    }
    if (
      list(rule.apiGroups).length > 0 ||
      list(rule.resources).length > 0 ||
      list(rule.resourceNames).length > 0
    ) {
      errs.push(
        invalid(
          `${path}.nonResourceURLs`,
          urls,
          'rules cannot apply to both regular resources and non-resource URLs',
        ),
      )
    }
    return
  }
  if (list(rule.apiGroups).length === 0) {
    errs.push(required(`${path}.apiGroups`, 'resource rules must supply at least one api group'))
  }
  if (list(rule.resources).length === 0) {
    errs.push(required(`${path}.resources`, 'resource rules must supply at least one resource'))
  }
  if (list(rule.resourceNames).length > 0 && list(rule.resources).length > 1) {
    errs.push(required(`${path}.resourceNames`, 'resource names cannot apply to multiple resources'))
  }
}

export function validateRole(obj: Obj, clusterScoped: boolean): ErrorList {
  const errs: ErrorList = []
  validateObjectMeta(obj.metadata as never, { namespaced: !clusterScoped, nameFn: pathSegmentName }, errs)
  list(obj.rules).forEach((rule, i) => validatePolicyRule(errs, asObj(rule), !clusterScoped, `rules[${i}]`))
  if (clusterScoped && isObj(obj.aggregationRule)) {
    const selectors = list(obj.aggregationRule.clusterRoleSelectors)
    if (selectors.length === 0) {
      errs.push(
        required(
          'aggregationRule.clusterRoleSelectors',
          'at least one clusterRoleSelector required if aggregationRule is non-nil',
        ),
      )
    }
    selectors.forEach((s, i) =>
      validateLabelSelector(errs, asObj(s), `aggregationRule.clusterRoleSelectors[${i}]`),
    )
  }
  return errs
}

function validateSubject(errs: ErrorList, subject: Obj, namespaced: boolean, path: string): void {
  const name = str(subject.name)
  const apiGroup = str(subject.apiGroup)
  if (!name) errs.push(required(`${path}.name`))
  switch (subject.kind) {
    case 'ServiceAccount':
      if (name) pushMessages(errs, `${path}.name`, name, nameIsDNSSubdomain(name, false))
      if (apiGroup) errs.push(notSupported(`${path}.apiGroup`, apiGroup, ['']))
      if (!namespaced && !str(subject.namespace)) errs.push(required(`${path}.namespace`))
      break
    case 'User':
      if (!name) errs.push(invalid(`${path}.name`, name, 'user name cannot be empty'))
      if (apiGroup !== RBAC_GROUP) errs.push(notSupported(`${path}.apiGroup`, apiGroup, [RBAC_GROUP]))
      break
    case 'Group':
      if (!name) errs.push(invalid(`${path}.name`, name, 'group name cannot be empty'))
      if (apiGroup !== RBAC_GROUP) errs.push(notSupported(`${path}.apiGroup`, apiGroup, [RBAC_GROUP]))
      break
    default:
      errs.push(notSupported(`${path}.kind`, str(subject.kind), ['ServiceAccount', 'User', 'Group']))
  }
}

export function validateBinding(obj: Obj, clusterScoped: boolean): ErrorList {
  const errs: ErrorList = []
  validateObjectMeta(obj.metadata as never, { namespaced: !clusterScoped, nameFn: pathSegmentName }, errs)
  const roleRef = asObj(obj.roleRef)
  const apiGroup = str(roleRef.apiGroup)
  if (apiGroup !== RBAC_GROUP) errs.push(notSupported('roleRef.apiGroup', apiGroup, [RBAC_GROUP]))
  const kind = str(roleRef.kind)
  const kinds = clusterScoped ? ['ClusterRole'] : ['Role', 'ClusterRole']
  if (!kinds.includes(kind)) errs.push(notSupported('roleRef.kind', kind, kinds))
  const name = str(roleRef.name)
  if (!name) errs.push(required('roleRef.name'))
  else pushMessages(errs, 'roleRef.name', name, pathSegmentName(name, false))
  list(obj.subjects).forEach((s, i) => validateSubject(errs, asObj(s), !clusterScoped, `subjects[${i}]`))
  return errs
}
