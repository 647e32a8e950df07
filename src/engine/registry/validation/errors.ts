// Constructors for field.Error, named after k8s.io/apimachinery/pkg/util/validation/field. They carry a
// badValue only for the types whose ErrorBody prints one, so status.ts renders them letter for letter.
import type { FieldError } from '../../types'

export type ErrorList = FieldError[]

export const required = (field: string, detail = ''): FieldError =>
  detail ? { type: 'FieldValueRequired', field, detail } : { type: 'FieldValueRequired', field }

export const forbidden = (field: string, detail: string): FieldError => ({
  type: 'FieldValueForbidden',
  field,
  detail,
})

export const invalid = (field: string, badValue: unknown, detail = ''): FieldError =>
  detail
    ? { type: 'FieldValueInvalid', field, badValue, detail }
    : { type: 'FieldValueInvalid', field, badValue }

export const duplicate = (field: string, badValue: unknown): FieldError => ({
  type: 'FieldValueDuplicate',
  field,
  badValue,
})

export const notFound = (field: string, badValue: unknown): FieldError => ({
  type: 'FieldValueNotFound',
  field,
  badValue,
})

/** field.NotSupported: the detail lists the accepted values, each quoted as strconv.Quote does. */
export const notSupported = (
  field: string,
  badValue: unknown,
  validValues: readonly string[],
): FieldError => {
  const err: FieldError = { type: 'FieldValueNotSupported', field, badValue }
  if (validValues.length)
    err.detail = `supported values: ${validValues.map((v) => JSON.stringify(v)).join(', ')}`
  return err
}

/** field.TooLong as of v1.32: the value is never printed, only the limit. */
export const tooLong = (field: string, maxLength: number): FieldError => ({
  type: 'FieldValueTooLong',
  field,
  detail: `may not be more than ${maxLength} ${maxLength === 1 ? 'byte' : 'bytes'}`,
})

/** Appends one Invalid error per message, the way every `for _, msg := range IsX(v)` loop does. */
export function pushMessages(errs: ErrorList, field: string, value: unknown, messages: string[]): void {
  for (const msg of messages) errs.push(invalid(field, value, msg))
}
