// ConfigMap, Secret, ServiceAccount and Namespace validation (pkg/apis/core/validation).
import { invalid, pushMessages, required, tooLong, type ErrorList } from './errors'
import { validateObjectMeta } from './meta'
import { isConfigMapKey, isQualifiedName, nameIsDNSLabel, nameIsDNSSubdomain } from './names'
import { asObj, isObj, list, str, type Obj } from './util'

/** core.MaxSecretSize: 1 MiB, the limit for a Secret's data and a ConfigMap's data plus binaryData. */
export const MAX_SECRET_SIZE = 1024 * 1024

/** Bytes a base64 string decodes to, without decoding it. */
export function base64DecodedLength(value: unknown): number {
  if (typeof value !== 'string') return 0
  const len = value.length
  let padding = 0
  if (value.endsWith('==')) padding = 2
  else if (value.endsWith('=')) padding = 1
  return Math.floor((len * 3) / 4) - padding
}

const utf8Length = (s: string): number => {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return new TextEncoder().encode(s).length
  return s.length
}

export function validateConfigMap(obj: Obj): ErrorList {
  const errs: ErrorList = []
  validateObjectMeta(
    obj.metadata as never,
    { namespaced: true, nameFn: nameIsDNSSubdomain, kubeFinalizers: true },
    errs,
  )
  let total = 0
  const data = asObj(obj.data)
  const binary = asObj(obj.binaryData)
  for (const key in data) {
    pushMessages(errs, `data[${key}]`, key, isConfigMapKey(key))
    if (key in binary) errs.push(invalid(`data[${key}]`, key, 'duplicate of key present in binaryData'))
    total += utf8Length(str(data[key]))
  }
  for (const key in binary) {
    pushMessages(errs, `binaryData[${key}]`, key, isConfigMapKey(key))
    total += base64DecodedLength(binary[key])
  }
  // sic: the whole object is meant, so the path is empty.
  if (total > MAX_SECRET_SIZE) errs.push(tooLong('', MAX_SECRET_SIZE))
  return errs
}

export function validateSecret(obj: Obj): ErrorList {
  const errs: ErrorList = []
  validateObjectMeta(
    obj.metadata as never,
    { namespaced: true, nameFn: nameIsDNSSubdomain, kubeFinalizers: true },
    errs,
  )
  const data = asObj(obj.data)
  let total = 0
  for (const key in data) {
    pushMessages(errs, `data[${key}]`, key, isConfigMapKey(key))
    total += base64DecodedLength(data[key])
  }
  if (total > MAX_SECRET_SIZE) errs.push(tooLong('data', MAX_SECRET_SIZE))
  const has = (key: string): boolean => key in data
  switch (str(obj.type)) {
    case 'kubernetes.io/service-account-token': {
      const annotations = asObj(asObj(obj.metadata).annotations)
      if (!str(annotations['kubernetes.io/service-account.name'])) {
        errs.push(required('metadata.annotations[kubernetes.io/service-account.name]'))
      }
      break
    }
    case 'kubernetes.io/dockercfg':
      // The real server also checks that the value is well-formed JSON.
      if (!has('.dockercfg')) errs.push(required('data[.dockercfg]'))
      break
    case 'kubernetes.io/dockerconfigjson':
      if (!has('.dockerconfigjson')) errs.push(required('data[.dockerconfigjson]'))
      break
    case 'kubernetes.io/basic-auth':
      if (!has('username') && !has('password')) {
        errs.push(required('data[username]'), required('data[password]'))
      }
      break
    case 'kubernetes.io/ssh-auth':
      if (base64DecodedLength(data['ssh-privatekey']) === 0) errs.push(required('data[ssh-privatekey]'))
      break
    case 'kubernetes.io/tls':
      if (!has('tls.crt')) errs.push(required('data[tls.crt]'))
      if (!has('tls.key')) errs.push(required('data[tls.key]'))
      break
  }
  return errs
}

export function validateServiceAccount(obj: Obj): ErrorList {
  const errs: ErrorList = []
  validateObjectMeta(
    obj.metadata as never,
    { namespaced: true, nameFn: nameIsDNSSubdomain, kubeFinalizers: true },
    errs,
  )
  return errs
}

const standardFinalizers = new Set(['kubernetes', 'orphan', 'foregroundDeletion'])

export function validateNamespace(obj: Obj): ErrorList {
  const errs: ErrorList = []
  validateObjectMeta(
    obj.metadata as never,
    { namespaced: false, nameFn: nameIsDNSLabel, kubeFinalizers: true },
    errs,
  )
  const spec = isObj(obj.spec) ? obj.spec : {}
  for (const raw of list(spec.finalizers)) {
    const f = str(raw)
    // sic: reported against the list, without an index.
    pushMessages(errs, 'spec.finalizers', f, isQualifiedName(f))
    if (!f.includes('/') && !standardFinalizers.has(f)) {
      errs.push(
        invalid('spec.finalizers', f, 'name is neither a standard finalizer name nor is it fully qualified'),
      )
    }
  }
  return errs
}
