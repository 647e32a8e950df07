import { useMemo } from 'react'
import type { EncryptionAtRest } from '../../worker/protocol'
import { encodingOf, hexRows, NONCE_BYTES, rowPieces } from './hexDump'
import type { ByteMark } from './hexDump'

// Each provider's payload after the prefix; the first part is the nonce the dump marks.
const PAYLOAD: Record<string, [nonce: string, rest: string]> = {
  aescbc: ['16-byte IV', ', then the ciphertext in 16-byte blocks (the plaintext padded with PKCS#7).'],
  aesgcm: [
    '12-byte nonce',
    ', the ciphertext, then a 16-byte authentication tag that also covers the etcd key, so the value cannot be moved to another key.',
  ],
  secretbox: ['24-byte nonce', ', a 16-byte Poly1305 tag, then the ciphertext.'],
}

function Legend({ bytes, encryption }: { bytes: Uint8Array; encryption: EncryptionAtRest | null }) {
  const encoding = encodingOf(bytes)
  if (encoding === 'encrypted' && encryption) {
    const prefix = new TextDecoder().decode(bytes.subarray(0, encryption.prefixLength))
    const payload = PAYLOAD[encryption.provider]
    return (
      <ul className="byte-dump__legend">
        <li>
          <code className="byte-dump__mark byte-dump__mark--prefix" data-testid="encryption-prefix">
            {prefix}
          </code>{' '}
          in clear text: the provider ({encryption.provider}), the format version and the name of the key that
          encrypted the value. A read picks the key by this prefix, so old keys keep working after a rotation.
        </li>
        <li>
          Then the payload:{' '}
          {payload ? (
            <>
              a <span className="byte-dump__mark byte-dump__mark--nonce">{payload[0]}</span>
              {payload[1]}
            </>
          ) : (
            'the provider’s nonce and ciphertext.'
          )}{' '}
          Nothing of the object is readable.
        </li>
      </ul>
    )
  }
  if (encoding === 'protobuf')
    return (
      <ul className="byte-dump__legend">
        <li>
          <code className="byte-dump__mark byte-dump__mark--prefix">6b 38 73 00</code> the magic prefix{' '}
          <code>k8s\0</code>: kube-apiserver’s protobuf encoding.
        </li>
        <li>
          Then a <code>runtime.Unknown</code> envelope: field 1 <code>typeMeta</code> (apiVersion and kind, in
          clear text), field 2 <code>raw</code> (the object itself as protobuf), fields 3 and 4 the content
          encoding and type (empty).
        </li>
      </ul>
    )
  return (
    <p className="byte-dump__legend">
      This kind has no protobuf schema in the simulation, so it is stored as JSON text (as kube-apiserver
      stores custom resources).
    </p>
  )
}

/** The value as etcd holds it: offset, hex and ASCII columns, with the envelope explained above. */
export function ByteDump({
  bytes,
  encryption = null,
  testId = 'byte-dump',
  label = 'Stored bytes, hex and ASCII',
}: {
  bytes: Uint8Array
  /** Set for ciphertext: the prefix and nonce are marked and explained. */
  encryption?: EncryptionAtRest | null
  testId?: string
  label?: string
}) {
  const rows = useMemo(() => hexRows(bytes), [bytes])
  const marks = useMemo((): ByteMark[] => {
    const encoding = encodingOf(bytes)
    if (encoding === 'protobuf') return [{ from: 0, to: 4, kind: 'prefix' }]
    if (encoding !== 'encrypted' || !encryption) return []
    const end = encryption.prefixLength
    return [
      { from: 0, to: end, kind: 'prefix' },
      { from: end, to: end + (NONCE_BYTES[encryption.provider] ?? 0), kind: 'nonce' },
    ]
  }, [bytes, encryption])
  return (
    <div className="byte-dump">
      <Legend bytes={bytes} encryption={encryption} />
      <p className="muted byte-dump__size">{bytes.length} bytes</p>
      <pre className="byte-dump__rows" data-testid={testId} aria-label={label}>
        {rows.map((row, i) => {
          const pieces = rowPieces(bytes, i * 16, marks)
          const width = pieces.reduce((n, p) => n + p.hex.length, 0) + pieces.length - 1
          return (
            <span key={row.offset} className="byte-dump__row">
              <span className="byte-dump__offset">{row.offset}</span>
              {'  '}
              <span className="byte-dump__hex">
                {pieces.map((p, j) => (
                  <Piece key={j} kind={p.kind} text={p.hex} space={j > 0} />
                ))}
                {' '.repeat(Math.max(0, 47 - width))}
              </span>
              {'  '}
              <span className="byte-dump__ascii">
                |
                {pieces.map((p, j) => (
                  <Piece key={j} kind={p.kind} text={p.ascii} />
                ))}
                |
              </span>
              {'\n'}
            </span>
          )
        })}
      </pre>
    </div>
  )
}

function Piece({
  kind,
  text,
  space = false,
}: {
  kind: ByteMark['kind'] | null
  text: string
  space?: boolean
}) {
  return (
    <>
      {space && ' '}
      {kind ? <span className={`byte-dump__mark--${kind}`}>{text}</span> : text}
    </>
  )
}
