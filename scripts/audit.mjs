// Dependency audit for CI (`npm test` runs it): known advisories in the runtime dependencies, the ones the built
// app ships. It asks the registry through `npm audit --omit=dev`; when the registry has no advisories endpoint
// (mirrors and proxies often answer 404/405) or the network is down, it says so and passes, because a missing
// service is not a finding. Whatever the network does, it also checks offline that every runtime package in
// package-lock.json carries a sha512 integrity hash (so an install cannot silently fetch other bytes).
//
//   node scripts/audit.mjs [--audit-level=low|moderate|high|critical] [--report=<npm audit --json output>]
import { spawnSync } from 'node:child_process'
// Explicit imports: the repo's ESLint config declares no Node globals for plain .mjs files.
import console from 'node:console'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const SEVERITIES = ['info', 'low', 'moderate', 'high', 'critical']
const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
const level = arg('audit-level') ?? 'high'
if (!SEVERITIES.includes(level)) {
  console.error(`audit: unknown --audit-level ${level} (one of ${SEVERITIES.join(', ')})`)
  process.exit(2)
}

/** Runtime packages in the lockfile without a sha512 integrity hash, or fetched from somewhere other than https. */
function unpinned() {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'))
  return (
    Object.entries(lock.packages ?? {})
      .filter(([path, pkg]) => path.startsWith('node_modules/') && !pkg.dev && !pkg.link)
      // This lockfile omits `resolved` (npm's default registry is implied); when present it must be https.
      .filter(
        ([, pkg]) =>
          (pkg.resolved && !/^https:\/\//.test(pkg.resolved)) || !/^sha512-/.test(pkg.integrity ?? ''),
      )
      .map(([path]) => path.replace(/^(.*\/)?node_modules\//, ''))
  )
}

/** The `npm audit --json` output, or why there is none. */
function runAudit() {
  const report = arg('report')
  if (report) return { json: readFileSync(report, 'utf8') }
  const npm = spawnSync('npm', ['audit', '--omit=dev', '--json'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 90_000,
    env: { ...process.env, npm_config_fund: 'false', npm_config_update_notifier: 'false' },
  })
  if (npm.error) return { skipped: `npm audit did not run (${npm.error.code ?? npm.error.message})` }
  return { json: npm.stdout }
}

function advisoriesUnavailable(result) {
  const status = result.statusCode
  const reason = result.message ?? result.error?.summary ?? 'no advisories in the answer'
  return status
    ? `the registry answered ${status} (${reason})`
    : `the registry could not be asked (${reason})`
}

let failed = false
const loose = unpinned()
console.log(
  `lockfile: ${loose.length ? `NO SHA512 INTEGRITY for ${loose.join(', ')}` : 'every runtime package has a sha512 integrity hash'}`,
)
failed ||= loose.length > 0

const run = runAudit()
let result
try {
  result = run.json ? JSON.parse(run.json) : null
} catch {
  run.skipped = 'npm audit printed no JSON'
}
if (run.skipped || !result?.metadata?.vulnerabilities) {
  const why = run.skipped ?? advisoriesUnavailable(result ?? {})
  console.log(
    `advisories: SKIPPED, ${why}; rerun where the registry offers /-/npm/v1/security/advisories/bulk`,
  )
} else {
  const counts = result.metadata.vulnerabilities
  const blocking = Object.entries(result.vulnerabilities ?? {}).filter(
    ([, v]) => SEVERITIES.indexOf(v.severity) >= SEVERITIES.indexOf(level),
  )
  const summary = SEVERITIES.map((s) => `${counts[s] ?? 0} ${s}`).join(', ')
  console.log(`advisories (runtime dependencies): ${summary}`)
  for (const [name, v] of blocking) console.log(`  ${v.severity.padEnd(8)} ${name} ${v.range ?? ''}`)
  if (blocking.length)
    console.log(`  ${blocking.length} at or above --audit-level=${level}: run \`npm audit --omit=dev\``)
  failed ||= blocking.length > 0
}

console.log(failed ? 'audit: FAIL' : 'audit: OK')
process.exit(failed ? 1 : 0)
