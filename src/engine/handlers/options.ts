// ValidateFieldManager (k8s.io/apimachinery/pkg/apis/meta/v1/validation), part of ValidateCreateOptions,
// ValidateUpdateOptions and ValidatePatchOptions: a field manager is at most 128 bytes of printable
// characters, checked before the name reaches managedFields.
import type { FieldError } from '../types'

const FIELD_MANAGER_MAX_LENGTH = 128

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const isPrint = (ch: string) => ch === ' ' || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch)

export function fieldManagerErrors(fieldManager: string): FieldError[] {
  const errors: FieldError[] = []
  const bytes = new TextEncoder()
  if (bytes.encode(fieldManager).length > FIELD_MANAGER_MAX_LENGTH)
    errors.push({ type: 'FieldValueTooLong', field: 'fieldManager', detail: `may not be more than ${FIELD_MANAGER_MAX_LENGTH} bytes` })
  let offset = 0
  for (const ch of fieldManager) {
    if (!isPrint(ch)) {
      const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
      errors.push({
        type: 'FieldValueInvalid',
        field: 'fieldManager',
        badValue: fieldManager,
        detail: `invalid character ${code} (at position ${offset})`,
      })
    }
    offset += bytes.encode(ch).length
  }
  return errors
}
