// Just enough of certificates.ParseCSR (PEM, then the PKCS#10 DER) to read a CertificateSigningRequest's subject:
// the CSR strategy validates that spec.request parses, and CertificateSubjectRestriction reads its Organization.
// The signature check (csr.CheckSignature) needs real cryptography and is not simulated.

export interface ParsedCSR {
  commonName?: string
  organizations: string[]
}

export type CSRParse = { ok: true; csr: ParsedCSR } | { ok: false; error: string }

const PEM_TYPE_ERROR = 'PEM block type must be CERTIFICATE REQUEST'
const MALFORMED = 'x509: malformed certificate request'

function base64Bytes(text: string): Uint8Array | undefined {
  const clean = text.replace(/\s+/g, '')
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) return undefined
  const binary = atob(clean)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** spec.request travels as base64 of the PEM text. */
export function requestPem(request: unknown): string | undefined {
  if (typeof request !== 'string') return undefined
  const bytes = base64Bytes(request)
  return bytes ? new TextDecoder().decode(bytes) : undefined
}

/** encoding/pem.Decode: the first block, its type and its decoded body. */
function pemDecode(text: string): { type: string; der?: Uint8Array } | undefined {
  const m = /-----BEGIN ([^-\r\n]+)-----\r?\n([\s\S]*?)-----END \1-----/.exec(text)
  if (!m) return undefined
  const body = m[2]!.split(/\r?\n/).filter((line) => !line.includes(':'))
  return { type: m[1]!, der: base64Bytes(body.join('')) }
}

interface Tlv {
  tag: number
  start: number
  end: number
}

function readTlv(der: Uint8Array, at: number, limit: number): Tlv {
  if (at + 2 > limit) throw new Error(MALFORMED)
  const tag = der[at]!
  let len = der[at + 1]!
  let start = at + 2
  if (len & 0x80) {
    const n = len & 0x7f
    if (n === 0 || n > 3 || start + n > limit) throw new Error(MALFORMED)
    len = 0
    for (let i = 0; i < n; i++) len = len * 256 + der[start + i]!
    start += n
  }
  if (start + len > limit) throw new Error(MALFORMED)
  return { tag, start, end: start + len }
}

function children(der: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = []
  for (let at = parent.start; at < parent.end;) {
    const t = readTlv(der, at, parent.end)
    out.push(t)
    at = t.end
  }
  return out
}

function oid(der: Uint8Array, t: Tlv): string {
  const bytes = der.subarray(t.start, t.end)
  if (bytes.length === 0) return ''
  const parts = [Math.floor(bytes[0]! / 40), bytes[0]! % 40]
  let value = 0
  for (let i = 1; i < bytes.length; i++) {
    value = value * 128 + (bytes[i]! & 0x7f)
    if (!(bytes[i]! & 0x80)) {
      parts.push(value)
      value = 0
    }
  }
  return parts.join('.')
}

const SEQUENCE = 0x30
const SET = 0x31
const OID = 0x06
const ORGANIZATION = '2.5.4.10'
const COMMON_NAME = '2.5.4.3'

/** certificates.ParseCSR on spec.request's bytes (already base64-decoded to PEM text). */
export function parseCSR(pemText: string | undefined): CSRParse {
  const block = pemText === undefined ? undefined : pemDecode(pemText)
  if (!block || block.type !== 'CERTIFICATE REQUEST') return { ok: false, error: PEM_TYPE_ERROR }
  const der = block.der
  if (!der) return { ok: false, error: MALFORMED }
  try {
    const outer = readTlv(der, 0, der.length)
    if (outer.tag !== SEQUENCE) throw new Error(MALFORMED)
    const info = children(der, outer)[0]
    if (!info || info.tag !== SEQUENCE) throw new Error(MALFORMED)
    const [, subject] = children(der, info)
    if (!subject || subject.tag !== SEQUENCE) throw new Error(MALFORMED)
    const csr: ParsedCSR = { organizations: [] }
    for (const rdn of children(der, subject)) {
      if (rdn.tag !== SET) throw new Error(MALFORMED)
      for (const atv of children(der, rdn)) {
        const [type, value] = children(der, atv)
        if (!type || type.tag !== OID || !value) throw new Error(MALFORMED)
        const text = new TextDecoder().decode(der.subarray(value.start, value.end))
        const id = oid(der, type)
        if (id === ORGANIZATION) csr.organizations.push(text)
        else if (id === COMMON_NAME) csr.commonName = text
      }
    }
    return { ok: true, csr }
  } catch {
    return { ok: false, error: MALFORMED }
  }
}
