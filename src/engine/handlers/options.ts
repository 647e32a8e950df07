// The checks CreateOptions, UpdateOptions and PatchOptions share (ValidateFieldManager, ValidateDryRun and
// ValidateFieldValidation in k8s.io/apimachinery/pkg/apis/meta/v1/validation), in the order they run.
import { notSupported, tooLong } from '../registry/validation/errors'
import type { FieldError } from '../types'

export const FIELD_MANAGER_MAX_LENGTH = 128

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const isPrint = (ch: string) => ch === ' ' || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch)

/** ValidateFieldManager: at most 128 bytes, every rune printable (positions are byte offsets). */
export function validateFieldManager(manager: string): FieldError[] {
  const errs: FieldError[] = []
  const bytes = new TextEncoder()
  if (bytes.encode(manager).length > FIELD_MANAGER_MAX_LENGTH) errs.push(tooLong('fieldManager', FIELD_MANAGER_MAX_LENGTH))
  let offset = 0
  for (const ch of manager) {
    if (!isPrint(ch)) {
      const code = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')
      errs.push({
        type: 'FieldValueInvalid',
        field: 'fieldManager',
        badValue: manager,
        detail: `invalid character U+${code} (at position ${offset})`,
      })
    }
    offset += bytes.encode(ch).length
  }
  return errs
}

/** The three checks for the query of a create, update or patch. */
export function writeOptionsErrors(query: URLSearchParams): FieldError[] {
  const errs = validateFieldManager(query.get('fieldManager') ?? '')
  const dryRun = query.getAll('dryRun')
  if (dryRun.some((v) => v !== 'All')) errs.push(notSupported('dryRun', dryRun, ['All']))
  const fieldValidation = query.get('fieldValidation') ?? ''
  if (!['', 'Ignore', 'Strict', 'Warn'].includes(fieldValidation))
    errs.push(notSupported('fieldValidation', fieldValidation, ['', 'Ignore', 'Strict', 'Warn']))
  return errs
}
