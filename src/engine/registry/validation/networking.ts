// Ingress and NetworkPolicy validation (pkg/apis/networking/validation), in the real append order.
import { forbidden, invalid, notSupported, pushMessages, required, type ErrorList } from './errors'
import { validateObjectMeta } from './meta'
import {
  isDNS1123Subdomain,
  isValidPortName,
  isValidPortNum,
  nameIsDNS1035Label,
  nameIsDNSSubdomain,
  regexError,
} from './names'
import { asObj, int, isObj, list, str, type Obj } from './util'
import { validateLabelSelector } from './workloads'

const metaOpts = { namespaced: true, nameFn: nameIsDNSSubdomain, kubeFinalizers: true }

const dns1123SubdomainFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*'
const wildcardFmt = `\\*\\.${dns1123SubdomainFmt}`
const wildcardRe = new RegExp(`^${wildcardFmt}$`)
const wildcardErrMsg =
  "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character"

function isWildcardDNS1123Subdomain(value: string): string[] {
  const errs: string[] = []
  if (value.length > 253) errs.push('must be no more than 253 characters')
  if (!wildcardRe.test(value)) errs.push(regexError(wildcardErrMsg, wildcardFmt, '*.example.com'))
  return errs
}

const ipv4Re = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/
const looksLikeIP = (s: string): boolean => ipv4Re.test(s) || (s.includes(':') && /^[0-9a-fA-F:.]+$/.test(s))

function validateHost(errs: ErrorList, host: string, path: string): void {
  if (host.includes('*')) pushMessages(errs, path, host, isWildcardDNS1123Subdomain(host))
  else pushMessages(errs, path, host, isDNS1123Subdomain(host))
}

function validateBackend(errs: ErrorList, backend: Obj, path: string): void {
  const hasResource = isObj(backend.resource)
  const hasService = isObj(backend.service)
  if (hasResource && hasService) {
    errs.push(invalid(path, '', 'cannot set both resource and service backends'))
    return
  }
  if (hasResource) {
    const r = backend.resource as Obj
    if (!str(r.kind)) errs.push(required(`${path}.resource.kind`))
    if (!str(r.name)) errs.push(required(`${path}.resource.name`))
    return
  }
  if (!hasService) {
    errs.push(invalid(path, '', 'resource or service backend is required'))
    return
  }
  const service = backend.service as Obj
  const name = str(service.name)
  if (!name) errs.push(required(`${path}.service.name`))
  else pushMessages(errs, `${path}.service.name`, name, nameIsDNS1035Label(name, false))
  const port = asObj(service.port)
  const portName = str(port.name)
  const portNumber = int(port.number)
  if (portName && portNumber !== 0) errs.push(invalid(path, '', 'cannot set both port name & port number'))
  else if (portName) pushMessages(errs, `${path}.service.port.name`, portName, isValidPortName(portName))
  else if (portNumber !== 0)
    pushMessages(errs, `${path}.service.port.number`, portNumber, isValidPortNum(portNumber))
  else errs.push(required(path, 'port name or number is required'))
}

const pathTypes = ['Exact', 'ImplementationSpecific', 'Prefix']
const invalidPathSequences = ['//', '/./', '/../', '%2f', '%2F']
const invalidPathSuffixes = ['/..', '/.']

function validateHTTPPath(errs: ErrorList, p: Obj, path: string): void {
  if (p.pathType == null) {
    errs.push(required(`${path}.pathType`, 'pathType must be specified'))
    return
  }
  const pathType = str(p.pathType)
  const value = str(p.path)
  if (pathType === 'Exact' || pathType === 'Prefix') {
    if (!value.startsWith('/')) errs.push(invalid(`${path}.path`, value, 'must be an absolute path'))
    if (value) {
      for (const seq of invalidPathSequences)
        if (value.includes(seq)) errs.push(invalid(`${path}.path`, value, `must not contain '${seq}'`))
      for (const suffix of invalidPathSuffixes)
        if (value.endsWith(suffix)) errs.push(invalid(`${path}.path`, value, `cannot end with '${suffix}'`))
    }
  } else if (pathType === 'ImplementationSpecific') {
    if (value && !value.startsWith('/')) errs.push(invalid(`${path}.path`, value, 'must be an absolute path'))
  } else {
    errs.push(notSupported(`${path}.pathType`, pathType, pathTypes))
  }
  validateBackend(errs, asObj(p.backend), `${path}.backend`)
}

export function validateIngress(obj: Obj): ErrorList {
  const errs: ErrorList = []
  validateObjectMeta(obj.metadata as never, metaOpts, errs)
  const spec = asObj(obj.spec)
  const rules = list(spec.rules)
  if (rules.length === 0 && !isObj(spec.defaultBackend)) {
    errs.push(
      invalid(
        'spec',
        Array.isArray(spec.rules) ? spec.rules : null,
        'either `defaultBackend` or `rules` must be specified',
      ),
    )
  }
  if (isObj(spec.defaultBackend)) validateBackend(errs, spec.defaultBackend, 'spec.defaultBackend')
  rules.forEach((raw, i) => {
    const rule = asObj(raw)
    const p = `spec.rules[${i}]`
    const host = str(rule.host)
    if (host) {
      if (looksLikeIP(host)) errs.push(invalid(`${p}.host`, host, 'must be a DNS name, not an IP address'))
      validateHost(errs, host, `${p}.host`)
    }
    if (isObj(rule.http)) {
      const paths = list(rule.http.paths)
      if (paths.length === 0) errs.push(required(`${p}.http.paths`))
      paths.forEach((hp, j) => validateHTTPPath(errs, asObj(hp), `${p}.http.paths[${j}]`))
    }
  })
  list(spec.tls).forEach((raw, i) => {
    list(asObj(raw).hosts).forEach((host, j) => validateHost(errs, str(host), `spec.tls[${i}].hosts[${j}]`))
  })
  if (typeof spec.ingressClassName === 'string') {
    pushMessages(
      errs,
      'spec.ingressClassName',
      spec.ingressClassName,
      nameIsDNSSubdomain(spec.ingressClassName, false),
    )
  }
  return errs
}

const protocols = ['TCP', 'UDP', 'SCTP']

function validatePolicyPort(errs: ErrorList, port: Obj, path: string): void {
  if (port.protocol != null && !protocols.includes(str(port.protocol)))
    errs.push(notSupported(`${path}.protocol`, port.protocol, protocols))
  const endPort = port.endPort
  if (port.port != null) {
    if (typeof port.port === 'number') {
      pushMessages(errs, `${path}.port`, port.port, isValidPortNum(port.port))
      if (typeof endPort === 'number') {
        if (endPort < port.port)
          errs.push(invalid(`${path}.endPort`, port.port, 'must be greater than or equal to `port`'))
        pushMessages(errs, `${path}.endPort`, endPort, isValidPortNum(endPort))
      }
    } else {
      if (endPort != null)
        errs.push(invalid(`${path}.endPort`, endPort, 'may not be specified when `port` is non-numeric'))
      pushMessages(errs, `${path}.port`, str(port.port), isValidPortName(str(port.port)))
    }
  } else if (endPort != null) {
    errs.push(invalid(`${path}.endPort`, endPort, 'may not be specified when `port` is not specified'))
  }
}

const cidrRe = /^(\d{1,3}(\.\d{1,3}){3}\/\d{1,2}|[0-9a-fA-F:]+\/\d{1,3})$/

function validatePeer(errs: ErrorList, peer: Obj, path: string): void {
  let peers = 0
  if (isObj(peer.podSelector)) {
    peers++
    validateLabelSelector(errs, peer.podSelector, `${path}.podSelector`)
  }
  if (isObj(peer.namespaceSelector)) {
    peers++
    validateLabelSelector(errs, peer.namespaceSelector, `${path}.namespaceSelector`)
  }
  if (isObj(peer.ipBlock)) {
    peers++
    const cidr = str(peer.ipBlock.cidr)
    if (!cidr) errs.push(required(`${path}.ipBlock.cidr`))
    else if (!cidrRe.test(cidr))
      errs.push(
        invalid(
          `${path}.ipBlock.cidr`,
          cidr,
          'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
        ),
      )
    // The real validator also checks that every `except` entry lies strictly inside the CIDR.
  }
  if (peers === 0) errs.push(required(path, 'must specify a peer'))
  else if (peers > 1 && isObj(peer.ipBlock))
    errs.push(forbidden(path, 'may not specify both ipBlock and another peer'))
}

export function validateNetworkPolicy(obj: Obj): ErrorList {
  const errs: ErrorList = []
  validateObjectMeta(obj.metadata as never, metaOpts, errs)
  const spec = asObj(obj.spec)
  validateLabelSelector(errs, asObj(spec.podSelector), 'spec.podSelector')
  list(spec.ingress).forEach((raw, i) => {
    const rule = asObj(raw)
    list(rule.ports).forEach((port, j) =>
      validatePolicyPort(errs, asObj(port), `spec.ingress[${i}].ports[${j}]`),
    )
    list(rule.from).forEach((peer, j) => validatePeer(errs, asObj(peer), `spec.ingress[${i}].from[${j}]`))
  })
  list(spec.egress).forEach((raw, i) => {
    const rule = asObj(raw)
    list(rule.to).forEach((peer, j) => validatePeer(errs, asObj(peer), `spec.egress[${i}].to[${j}]`))
    list(rule.ports).forEach((port, j) =>
      validatePolicyPort(errs, asObj(port), `spec.egress[${i}].ports[${j}]`),
    )
  })
  const types = list(spec.policyTypes)
  if (types.length > 2) {
    errs.push(invalid('spec.policyTypes', types, 'may not specify more than two policyTypes'))
    return errs
  }
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress')
      errs.push(notSupported(`spec.policyTypes[${i}]`, t, ['Ingress', 'Egress']))
  })
  return errs
}
