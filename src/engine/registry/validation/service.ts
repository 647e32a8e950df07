// Service validation (pkg/apis/core/validation: ValidateService, validateServicePort and the traffic
// policy checks), in the order the real code appends errors.
import { duplicate, forbidden, invalid, notSupported, pushMessages, required, type ErrorList } from './errors'
import { validateLabels, validateObjectMeta } from './meta'
import {
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidPortName,
  isValidPortNum,
  nameIsDNS1035Label,
} from './names'
import { asObj, int, isObj, list, str, strMap, type Obj } from './util'

const supportedProtocols = ['SCTP', 'TCP', 'UDP']
const serviceTypes = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']
const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400

const isHeadless = (spec: Obj): boolean => list(spec.clusterIPs)[0] === 'None' || spec.clusterIP === 'None'

function validateServicePort(
  errs: ErrorList,
  port: Obj,
  requireName: boolean,
  names: Set<string>,
  path: string,
): void {
  const name = str(port.name)
  if (requireName && !name) errs.push(required(`${path}.name`))
  else if (name) {
    pushMessages(errs, `${path}.name`, name, isDNS1123Label(name))
    if (names.has(name)) errs.push(duplicate(`${path}.name`, name))
    else names.add(name)
  }
  pushMessages(errs, `${path}.port`, int(port.port), isValidPortNum(int(port.port)))
  const protocol = str(port.protocol)
  if (!protocol) errs.push(required(`${path}.protocol`))
  else if (!supportedProtocols.includes(protocol))
    errs.push(notSupported(`${path}.protocol`, protocol, supportedProtocols))
  const target = port.targetPort
  if (typeof target === 'string') pushMessages(errs, `${path}.targetPort`, target, isValidPortName(target))
  else pushMessages(errs, `${path}.targetPort`, int(target), isValidPortNum(int(target)))
  if (typeof port.appProtocol === 'string') {
    pushMessages(errs, `${path}.appProtocol`, port.appProtocol, isQualifiedName(port.appProtocol))
  }
}

/** The internal ServicePort key the duplicate check uses, as json.Marshal prints it (Go field names). */
const portKey = (protocol: string, port: number) => ({
  Name: '',
  Protocol: protocol,
  AppProtocol: null,
  Port: port,
  TargetPort: 0,
  NodePort: 0,
})

export function validateService(obj: Obj): ErrorList {
  const errs: ErrorList = []
  validateObjectMeta(
    obj.metadata as never,
    { namespaced: true, nameFn: nameIsDNS1035Label, kubeFinalizers: true },
    errs,
  )
  const spec = asObj(obj.spec)
  const type = str(spec.type)
  const headless = isHeadless(spec)
  const ports = list(spec.ports).map(asObj)
  if (ports.length === 0 && !headless && type !== 'ExternalName') errs.push(required('spec.ports'))

  const clusterIPs = list(spec.clusterIPs)
  if (type === 'LoadBalancer' && headless) {
    errs.push(
      invalid(
        'spec.clusterIPs[0]',
        clusterIPs[0] ?? 'None',
        "may not be set to 'None' for LoadBalancer services",
      ),
    )
  } else if (type === 'NodePort' && headless) {
    errs.push(
      invalid(
        'spec.clusterIPs[0]',
        clusterIPs[0] ?? 'None',
        "may not be set to 'None' for NodePort services",
      ),
    )
  } else if (type === 'ExternalName') {
    if (clusterIPs.length > 0 || str(spec.clusterIP))
      errs.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'))
    if (list(spec.ipFamilies).length > 0)
      errs.push(forbidden('spec.ipFamilies', 'may not be set for ExternalName services'))
    if (spec.ipFamilyPolicy != null)
      errs.push(forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'))
    const cname = str(spec.externalName).replace(/\.$/, '')
    if (cname) pushMessages(errs, 'spec.externalName', cname, isDNS1123Subdomain(cname))
    else errs.push(required('spec.externalName'))
  }

  const names = new Set<string>()
  ports.forEach((port, i) => validateServicePort(errs, port, ports.length > 1, names, `spec.ports[${i}]`))
  if (isObj(spec.selector)) validateLabels(strMap(spec.selector), 'spec.selector', errs)

  const affinity = str(spec.sessionAffinity)
  if (!affinity) errs.push(required('spec.sessionAffinity'))
  else if (affinity !== 'ClientIP' && affinity !== 'None') {
    errs.push(notSupported('spec.sessionAffinity', affinity, ['ClientIP', 'None']))
  }
  if (affinity === 'ClientIP') {
    const detail = 'when session affinity type is ClientIP'
    const config = spec.sessionAffinityConfig
    if (!isObj(config)) errs.push(required('spec.sessionAffinityConfig', detail))
    else if (!isObj(config.clientIP)) errs.push(required('spec.sessionAffinityConfig.clientIP', detail))
    else if (typeof config.clientIP.timeoutSeconds !== 'number') {
      errs.push(required('spec.sessionAffinityConfig.clientIP.timeoutSeconds', detail))
    } else {
      const t = config.clientIP.timeoutSeconds
      if (t <= 0 || t > MAX_CLIENT_IP_AFFINITY_SECONDS) {
        errs.push(
          invalid(
            'spec.sessionAffinityConfig.clientIP.timeoutSeconds',
            t,
            `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`,
          ),
        )
      }
    }
  } else if (affinity === 'None' && spec.sessionAffinityConfig != null) {
    errs.push(forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'))
  }
  // The real server validates clusterIP/clusterIPs/ipFamilies consistency and externalIPs addresses here.

  if (!type) errs.push(required('spec.type'))
  else if (!serviceTypes.includes(type)) errs.push(notSupported('spec.type', type, serviceTypes))

  if (type === 'ClusterIP') {
    ports.forEach((port, i) => {
      if (int(port.nodePort) !== 0)
        errs.push(forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"))
    })
  }
  const nodePorts = new Set<string>()
  ports.forEach((port, i) => {
    const nodePort = int(port.nodePort)
    if (nodePort === 0) return
    const key = `${str(port.protocol)}/${nodePort}`
    if (nodePorts.has(key)) errs.push(duplicate(`spec.ports[${i}].nodePort`, nodePort))
    nodePorts.add(key)
  })
  const seen = new Set<string>()
  ports.forEach((port, i) => {
    const key = `${str(port.protocol)}/${int(port.port)}`
    if (seen.has(key)) errs.push(duplicate(`spec.ports[${i}]`, portKey(str(port.protocol), int(port.port))))
    seen.add(key)
  })
  if (list(spec.loadBalancerSourceRanges).length > 0 && type !== 'LoadBalancer') {
    errs.push(forbidden('spec.LoadBalancerSourceRanges', "may only be used when `type` is 'LoadBalancer'"))
  }
  if (spec.allocateLoadBalancerNodePorts != null && type !== 'LoadBalancer') {
    errs.push(
      forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"),
    )
  }
  // sic: this path has no `spec.` prefix in the real code.
  if (type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts == null)
    errs.push(required('allocateLoadBalancerNodePorts'))

  const externallyAccessible =
    type === 'LoadBalancer' ||
    type === 'NodePort' ||
    (type === 'ClusterIP' && list(spec.externalIPs).length > 0)
  const etp = str(spec.externalTrafficPolicy)
  if (!externallyAccessible) {
    if (etp)
      errs.push(
        invalid('spec.externalTrafficPolicy', etp, 'may only be set for externally-accessible services'),
      )
  } else if (!etp) errs.push(required('spec.externalTrafficPolicy'))
  else if (etp !== 'Cluster' && etp !== 'Local')
    errs.push(notSupported('spec.externalTrafficPolicy', etp, ['Cluster', 'Local']))
  const needsHealthCheck = type === 'LoadBalancer' && etp === 'Local'
  const hcnp = int(spec.healthCheckNodePort)
  if (!needsHealthCheck && hcnp !== 0) {
    errs.push(
      invalid(
        'spec.healthCheckNodePort',
        hcnp,
        "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
      ),
    )
  } else if (needsHealthCheck && hcnp !== 0) {
    pushMessages(errs, 'spec.healthCheckNodePort', hcnp, isValidPortNum(hcnp))
  }
  // (With no node-port allocator the engine cannot fill healthCheckNodePort, so it does not demand one.)

  if (spec.internalTrafficPolicy == null) {
    if (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP')
      errs.push(required('spec.internalTrafficPolicy'))
  } else {
    const itp = str(spec.internalTrafficPolicy)
    if (itp !== 'Cluster' && itp !== 'Local')
      errs.push(notSupported('spec.internalTrafficPolicy', itp, ['Cluster', 'Local']))
  }
  // The real server also validates loadBalancerClass and trafficDistribution.
  return errs
}
