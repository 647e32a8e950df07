// Share links: `#s=<format>.<payload>` in the URL's hash, which browsers never send to a server. The decoder keeps
// every format it ever wrote; an encoder writes only the newest.
import type { Checked, ShareState } from './state'
import { checkState } from './state'
import type { ShareBases } from './v1'
import { decodeV1, encodeV1 } from './v1'

export type { ShareBases } from './v1'
export type { ShareState } from './state'

export const CURRENT_FORMAT = 1
const DECODERS: Record<number, (payload: string, bases: ShareBases) => Checked<ShareState>> = { 1: decodeV1 }

/** Chat tools cut or refuse longer links (Discord stops at 2,000 characters). */
export const MAX_LINK_LENGTH = 2000
// Chromium navigates to URLs of about 2 MB; nothing longer can be a link it produced.
const MAX_HASH_LENGTH = 2 * 1024 * 1024
const HASH = /^#?s=(\d{1,4})\.([A-Za-z0-9_-]*)$/

/** The hash (`#s=1.…`) for a state; refused when the state itself would not pass the decoder's checks. */
export function encodeShareLink(state: ShareState, bases: ShareBases): Checked<string> {
  const checked = checkState(state)
  if (!checked.ok) return checked
  return { ok: true, value: `#s=${CURRENT_FORMAT}.${encodeV1(state, bases)}` }
}

/** Whether a hash is a share link at all (so the app can leave other hashes alone). */
export function isShareLink(hash: string): boolean {
  return /^#?s=/.test(hash)
}

export function decodeShareLink(hash: string, bases: ShareBases): Checked<ShareState> {
  if (hash.length > MAX_HASH_LENGTH)
    return { ok: false, error: `the link is longer than ${MAX_HASH_LENGTH} characters` }
  const match = HASH.exec(hash)
  if (!match) return { ok: false, error: 'this is not a Kube API Lab link: it should look like #s=1.…' }
  const format = Number(match[1])
  const decode = DECODERS[format]
  if (!decode)
    return {
      ok: false,
      error:
        format > CURRENT_FORMAT
          ? `this link was made by a newer Kube API Lab (link format ${format}); this version reads formats up to ${CURRENT_FORMAT}`
          : `link format ${format} does not exist`,
    }
  return decode(match[2]!, bases)
}

export interface TooLong {
  length: number
  limit: number
  message: string
}

/** Null when the full URL fits a chat message; otherwise what to tell the user (offer the file instead). */
export function tooLongForLink(url: string, limit = MAX_LINK_LENGTH): TooLong | null {
  if (url.length <= limit) return null
  return {
    length: url.length,
    limit,
    message:
      `This link would be ${url.length.toLocaleString('en-US')} characters long; chat tools cut links over ` +
      `${limit.toLocaleString('en-US')}. Download the scenario file and share that instead.`,
  }
}
