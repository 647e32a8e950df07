// A static server for the built app that a test can stop, so "offline" means the server is really gone (Playwright's
// offline emulation alone does not cover every service-worker path, microsoft/playwright#19677). It serves a dist
// directory under a path prefix, with the same security headers `vite preview` sends.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize } from 'node:path'
import { securityHeaders } from '../scripts/vite/contentSecurityPolicy.ts'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
}

export interface StaticServer {
  /** The app's URL, ending in the prefix. */
  url: string
  /** Text appended to this file's body from now on (simulates a new deployment of, say, sw.js). */
  amend(file: string, text: string): void
  stop(): Promise<void>
}

/** `headers: false` serves like a static host that cannot set headers: only the CSP <meta> applies. */
export async function serveDist(dir: string, prefix = '/', { headers = true } = {}): Promise<StaticServer> {
  const amendments = new Map<string, string>()
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    if (!path.startsWith(prefix)) return void res.writeHead(404).end()
    const file = normalize(path.slice(prefix.length) || 'index.html')
    if (file.startsWith('..')) return void res.writeHead(403).end()
    readFile(join(dir, file)).then(
      (body) => {
        const sent = {
          ...(headers ? securityHeaders : {}),
          'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        }
        res.writeHead(200, { ...sent, 'Cache-Control': 'no-cache' })
        res.end(amendments.has(file) ? Buffer.concat([body, Buffer.from(amendments.get(file)!)]) : body)
      },
      () => res.writeHead(404).end(),
    )
  })
  // Port 0: the OS picks a free port, so this never collides with the suite's preview server or another checkout's.
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    amend: (file, text) => void amendments.set(file, text),
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
