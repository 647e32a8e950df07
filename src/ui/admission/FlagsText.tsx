import { Fragment } from 'react'
import type { AdmissionFlags } from '../../worker/protocol'

/**
 * The flags as kube-apiserver takes them, one per line. Lines may break only after a comma: a break at
 * the hyphens of `--enable-admission-plugins` would make the flag look like two words.
 */
export function FlagsText({ flags }: { flags: AdmissionFlags }) {
  const lines = [
    ['--enable-admission-plugins', flags.enable],
    ['--disable-admission-plugins', flags.disable],
  ] as const
  return (
    <>
      {lines
        .filter(([, names]) => names.length > 0)
        .map(([flag, names], i) => (
          <span key={flag} className="flags__line">
            {i > 0 && ' '}
            {names.map((name, j) => (
              <Fragment key={name}>
                {j > 0 && <wbr />}
                <span className="flags__part">
                  {j === 0 ? `${flag}=` : ''}
                  {name}
                  {j < names.length - 1 ? ',' : ''}
                </span>
              </Fragment>
            ))}
          </span>
        ))}
    </>
  )
}
