// Go's %q verb (strconv.Quote) for the strings kube-apiserver formats into its messages. Printable Unicode stays
// as is; quotes, backslashes and unprintable runes are escaped the way Go escapes them.

const namedEscapes: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
}

// Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
const unprintable = /[\p{C}\p{Z}]/u
const needsEscape = /["\\]|(?! )[\p{C}\p{Z}]/u

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0')
}

export function goQuote(s: string): string {
  if (!needsEscape.test(s)) return `"${s}"`
  let out = '"'
  for (const ch of s) {
    const named = namedEscapes[ch]
    if (named) out += named
    else if (ch === ' ' || !unprintable.test(ch)) out += ch
    else {
      const cp = ch.codePointAt(0)!
      if (cp < 0x20 || cp === 0x7f) out += `\\x${hex(cp, 2)}`
      else if (cp < 0x10000) out += `\\u${hex(cp, 4)}`
      else out += `\\U${hex(cp, 8)}`
    }
  }
  return `${out}"`
}

/** A []string printed with %q: `["a" "b"]`. */
export function goQuoteList(values: readonly string[]): string {
  return `[${values.map(goQuote).join(' ')}]`
}
