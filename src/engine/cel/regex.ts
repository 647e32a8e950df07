// Regular expressions as cel-go and Kubernetes' regex library evaluate them: Go's regexp package, which is RE2.
// JavaScript's RegExp backtracks (`^(a+)+$` on 34 characters never returns) and accepts syntax RE2 refuses
// (backreferences, lookahead), so every user-supplied pattern goes through re2js instead, which runs in time
// linear in the input and reports syntax errors in Go's words (`error parsing regexp: invalid escape
// sequence: \`\1\``).
import { RE2JS } from 're2js'

interface CompiledRegex {
  /** Go's (*Regexp).FindAllString; `n < 0` means all. */
  findAll(s: string, n: number): string[] | null
  match(s: string): boolean
}

/** Go's regexp.Compile: the compiled pattern, or Go's error text. */
export type RegexResult = { ok: true; re: CompiledRegex } | { ok: false; error: string }

const cache = new Map<string, RegexResult>()
const CACHE_SIZE = 256

function compileUncached(pattern: string): RegexResult {
  try {
    const compiled = RE2JS.compile(pattern)
    const re2 = compiled.re2() as unknown as { findAll(s: string, n: number): string[] | null }
    return {
      ok: true,
      re: { findAll: (s, n) => re2.findAll(s, n), match: (s) => compiled.test(s) },
    }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) }
  }
}

/** regexp.Compile, memoised: policies evaluate the same few patterns on every request. */
export function compileRegex(pattern: string): RegexResult {
  let r = cache.get(pattern)
  if (r) return r
  r = compileUncached(pattern)
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!)
  cache.set(pattern, r)
  return r
}

/** regexp.MatchString: does the pattern match anywhere in s. Throws Go's error text for a bad pattern. */
export function regexMatches(s: string, pattern: string): boolean {
  const r = compileRegex(pattern)
  if (!r.ok) throw new Error(r.error)
  return r.re.match(s)
}

/** FindString: the leftmost match, or '' when there is none. */
export function regexFind(s: string, pattern: string): string {
  const r = compileRegex(pattern)
  if (!r.ok) throw new Error(r.error)
  return r.re.findAll(s, 1)?.[0] ?? ''
}

/** FindAllString with n: successive non-overlapping matches, at most n of them when n >= 0. */
export function regexFindAll(s: string, pattern: string, n: number): string[] {
  const r = compileRegex(pattern)
  if (!r.ok) throw new Error(r.error)
  if (n === 0) return []
  return r.re.findAll(s, n) ?? []
}
