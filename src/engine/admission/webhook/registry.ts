// The registry's defaulting and validation for the two webhook configuration kinds, keyed as strategy.ts
// keys kinds (`<group>/<Kind>`).
import { validateObjectMeta } from '../../registry/validation/meta'
import { nameIsDNSSubdomain } from '../../registry/validation/names'
import type { FieldError } from '../../types'
import { defaultWebhookConfiguration, validateWebhookConfiguration } from './configuration'

type Obj = Record<string, unknown>
const G = 'admissionregistration.k8s.io'

function withMeta(check: (obj: Obj) => FieldError[]) {
  return (obj: Obj): FieldError[] => {
    const errs: FieldError[] = []
    validateObjectMeta(
      obj.metadata as never,
      { namespaced: false, nameFn: nameIsDNSSubdomain, kubeFinalizers: false },
      errs,
    )
    return [...errs, ...check(obj)]
  }
}

export const WEBHOOK_KIND_DEFAULTERS: Record<string, (obj: Obj) => void> = {
  [`${G}/MutatingWebhookConfiguration`]: defaultWebhookConfiguration('mutating'),
  [`${G}/ValidatingWebhookConfiguration`]: defaultWebhookConfiguration('validating'),
}

export const WEBHOOK_KIND_VALIDATORS: Record<string, (obj: Obj) => FieldError[]> = {
  [`${G}/MutatingWebhookConfiguration`]: withMeta(validateWebhookConfiguration('mutating')),
  [`${G}/ValidatingWebhookConfiguration`]: withMeta(validateWebhookConfiguration('validating')),
}
