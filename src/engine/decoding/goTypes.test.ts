// The Go error texts reproduced in goTypes.ts, case by case: resource.ParseQuantity, encoding/base64 and
// time.Parse(RFC3339) as metav1.Time uses it.
import { describe, expect, it } from 'vitest'
import { base64Error, QUANTITY_FORMAT_WRONG, QUANTITY_SUFFIX, quantityError, rfc3339Error } from './goTypes'
import { findDuplicateFields } from './rawJson'

describe('quantityError', () => {
  it.each([
    ['"128Mi"', undefined],
    ['"100m"', undefined],
    ['"1e3"', undefined],
    ['"1E"', undefined],
    ['0.5', undefined],
    ['"0"', undefined],
    ['" 2Gi "', undefined],
    ['null', undefined],
    ['"1Gb"', QUANTITY_FORMAT_WRONG],
    ['"1GB"', QUANTITY_FORMAT_WRONG],
    ['"500 Mi"', QUANTITY_FORMAT_WRONG],
    ['"25%"', QUANTITY_FORMAT_WRONG],
    ['""', QUANTITY_FORMAT_WRONG],
    ['true', QUANTITY_FORMAT_WRONG],
    ['"192i"', QUANTITY_SUFFIX],
    ['"1kk"', QUANTITY_SUFFIX],
    ['"1e"', QUANTITY_SUFFIX],
  ])('%s', (raw, expected) => expect(quantityError(raw)).toBe(expected))
})

describe('base64Error', () => {
  it.each([
    ['aGVsbG8=', undefined],
    ['aGVsbG8=\n', undefined],
    ['', undefined],
    ['hello', 'illegal base64 data at input byte 4'],
    ['abc', 'illegal base64 data at input byte 0'],
    ['my password', 'illegal base64 data at input byte 2'],
    ['aGVsbG8', 'illegal base64 data at input byte 4'],
    ['aGVsbA=', 'illegal base64 data at input byte 7'],
    ['aGVsbG8=x', 'illegal base64 data at input byte 8'],
    ['=abc', 'illegal base64 data at input byte 0'],
  ])('%j', (value, expected) => expect(base64Error(value)).toBe(expected))
})

describe('rfc3339Error', () => {
  const as = (v: string, rest: string, elem: string) =>
    `parsing time "${v}" as "2006-01-02T15:04:05Z07:00": cannot parse "${rest}" as "${elem}"`
  it.each([
    ['2024-05-01T10:00:00Z', undefined],
    ['2024-05-01T10:00:00.123456+02:00', undefined],
    ['2024-05-01T9:00:00Z', undefined],
    ['2024-05-01', as('2024-05-01', '', 'T')],
    ['2024/05/01T10:00:00Z', as('2024/05/01T10:00:00Z', '/05/01T10:00:00Z', '-')],
    ['yesterday', as('yesterday', 'yesterday', '2006')],
    ['2024-05-01T10:00:00', as('2024-05-01T10:00:00', '', 'Z07:00')],
    ['2024-13-01T10:00:00Z', 'parsing time "2024-13-01T10:00:00Z": month out of range'],
    ['2024-02-30T10:00:00Z', 'parsing time "2024-02-30T10:00:00Z": day out of range'],
    ['2024-05-01T24:00:00Z', 'parsing time "2024-05-01T24:00:00Z": hour out of range'],
    ['2024-05-01T10:00:00Zjunk', 'parsing time "2024-05-01T10:00:00Zjunk": extra text: "junk"'],
  ])('%s', (value, expected) => expect(rfc3339Error(value)).toBe(expected))
})

describe('findDuplicateFields', () => {
  it.each([
    ['{"a":1,"b":2}', []],
    ['{"metadata":{"name":"a","name":"b"}}', ['metadata.name']],
    ['{"spec":{"containers":[{"name":"a"},{"name":"b","name":"c"}]}}', ['spec.containers[1].name']],
    ['{"x":1,"x":2,"x":3,"y":{"z":1,"z":2}}', ['x', 'y.z']],
    ['{"a":{"k":1},"a":{"k":2,"k":3}}', ['a', 'a.k']],
    ['not json', []],
  ])('%s', (text, expected) => expect(findDuplicateFields(text)).toEqual(expected))
})
