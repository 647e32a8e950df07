import { useMemo } from 'react'
import { encodingOf, hexRows } from './hexDump'

/** The value as etcd holds it: offset, hex and ASCII columns, with the envelope explained above. */
export function ByteDump({ bytes }: { bytes: Uint8Array }) {
  const rows = useMemo(() => hexRows(bytes), [bytes])
  const encoding = encodingOf(bytes)
  return (
    <div className="byte-dump">
      {encoding === 'protobuf' ? (
        <ul className="byte-dump__legend">
          <li>
            <code className="byte-dump__mark byte-dump__mark--prefix">6b 38 73 00</code> the magic prefix{' '}
            <code>k8s\0</code>: kube-apiserver’s protobuf encoding.
          </li>
          <li>
            Then a <code>runtime.Unknown</code> envelope: field 1 <code>typeMeta</code> (apiVersion and kind,
            in clear text), field 2 <code>raw</code> (the object itself as protobuf), fields 3 and 4 the
            content encoding and type (empty).
          </li>
        </ul>
      ) : (
        <p className="byte-dump__legend">
          This kind has no protobuf schema in the simulation, so it is stored as JSON text (as kube-apiserver
          stores custom resources).
        </p>
      )}
      <p className="muted byte-dump__size">{bytes.length} bytes</p>
      <pre className="byte-dump__rows" data-testid="byte-dump" aria-label="Stored bytes, hex and ASCII">
        {rows.map((row, i) => (
          <span key={row.offset} className="byte-dump__row">
            <span className="byte-dump__offset">{row.offset}</span>
            {'  '}
            {i === 0 && encoding === 'protobuf' ? (
              <span className="byte-dump__hex">
                <span className="byte-dump__mark--prefix">{row.hex.slice(0, 11)}</span>
                {row.hex.slice(11).padEnd(36, ' ')}
              </span>
            ) : (
              <span className="byte-dump__hex">{row.hex.padEnd(47, ' ')}</span>
            )}
            {'  '}
            <span className="byte-dump__ascii">|{row.ascii}|</span>
            {'\n'}
          </span>
        ))}
      </pre>
    </div>
  )
}
