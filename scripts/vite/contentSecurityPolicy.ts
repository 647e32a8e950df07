// The app's Content-Security-Policy, written once and delivered two ways: as response headers by `vite preview`
// (so `npm start` serves it, frame-ancestors included) and as a <meta http-equiv> in the built index.html, for static
// hosts that cannot set headers. Browsers ignore frame-ancestors in a meta policy, so the meta copy omits it.
import type { Plugin } from 'vite'

const DIRECTIVES: [name: string, sources: string][] = [
  ['default-src', "'self'"],
  // No 'unsafe-inline' and no 'unsafe-eval': every script is a file the build emitted.
  ['script-src', "'self'"],
  // Monaco writes its theme, decoration and per-editor rules into <style> elements it creates at runtime, and the
  // build cannot know a nonce for them; inline styles cannot run code, so this is the one relaxation.
  ['style-src', "'self' 'unsafe-inline'"],
  // data: for the empty favicon in index.html and the small SVG/PNG data URIs in Monaco's and React Flow's CSS.
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  // The engine, Monaco's editor and YAML workers and the service worker are all files from this origin.
  ['worker-src', "'self'"],
  ['connect-src', "'self'"],
  ['manifest-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'self'"],
  ['form-action', "'none'"],
  // Documentation sites on any host may embed the lab in an iframe (the embed mode exists for them).
  ['frame-ancestors', '*'],
]

const HEADER_ONLY = new Set(['frame-ancestors'])

export function contentSecurityPolicy({ meta = false } = {}): string {
  return DIRECTIVES.filter(([name]) => !(meta && HEADER_ONLY.has(name)))
    .map(([name, sources]) => `${name} ${sources}`)
    .join('; ')
}

export const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': contentSecurityPolicy(),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
}

/**
 * Puts the policy into the built index.html only: `vite dev` injects inline scripts of its own (the React refresh
 * preamble, the HMR client) that a strict policy would block.
 */
export function cspMetaPlugin(): Plugin {
  return {
    name: 'kube-api-lab:csp-meta',
    apply: 'build',
    // Right after <meta charset>, before any script or stylesheet, so the policy covers all of them.
    transformIndexHtml: (html) => {
      const meta = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy({ meta: true })}" />`
      const charset = /<meta charset="[^"]*"\s*\/?>/i
      if (!charset.test(html)) throw new Error('index.html has no <meta charset>; the CSP meta goes after it')
      return html.replace(charset, (tag) => `${tag}\n    ${meta}`)
    },
  }
}
