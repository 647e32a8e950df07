// The kubectl command line for the request bar, shown until the request is sent. Once it has run, the
// engine's own `commandLine` replaces it; both put the flags in the same order.
import type { RequestSettings } from '../../state/types'

function quote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`
}

export function previewCommandLine(settings: RequestSettings): string {
  const parts = ['kubectl', settings.verb, '-f', 'manifest.yaml']
  if (settings.namespace) parts.push('-n', quote(settings.namespace))
  // Who sends it is a kubeconfig user (a credential), not impersonation: that is what --as is for.
  if (settings.as && settings.as !== 'admin') parts.push(`--user=${quote(settings.as)}`)
  if (settings.impersonateUser.trim()) parts.push(`--as=${quote(settings.impersonateUser.trim())}`)
  for (const group of settings.impersonateGroups
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean)) {
    parts.push(`--as-group=${quote(group)}`)
  }
  if (settings.dryRun) parts.push('--dry-run=server')
  return parts.join(' ')
}
