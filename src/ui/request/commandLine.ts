// The kubectl command line for the request bar, shown until the request is sent. Once it has run, the
// engine's own `commandLine` replaces it; both put the flags in the same order.
import { DEFAULT_CAN_I } from '../../state/runSlice'
import type { RequestSettings } from '../../state/types'

function quote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`
}

function verbPart(settings: RequestSettings): string[] {
  if (settings.verb === 'whoami') return ['auth', 'whoami']
  if (settings.verb !== 'can-i') return [settings.verb, '-f', 'manifest.yaml']
  const ask = settings.canI ?? DEFAULT_CAN_I
  if (ask.list) return ['auth', 'can-i', '--list']
  const [resource = '', subresource] = ask.resource.trim().split('/')
  const what = `${resource}${ask.name.trim() ? `/${ask.name.trim()}` : ''}`
  return [
    'auth',
    'can-i',
    quote(ask.verb.trim() || 'get'),
    quote(what),
    ...(subresource ? [`--subresource=${quote(subresource)}`] : []),
  ]
}

export function previewCommandLine(settings: RequestSettings): string {
  const parts = ['kubectl', ...verbPart(settings)]
  if (settings.namespace && settings.verb !== 'whoami') parts.push('-n', quote(settings.namespace))
  // Who sends it is a kubeconfig user (a credential), not impersonation: that is what --as is for.
  if (settings.as && settings.as !== 'admin') parts.push(`--user=${quote(settings.as)}`)
  if (settings.impersonateUser.trim()) parts.push(`--as=${quote(settings.impersonateUser.trim())}`)
  for (const group of settings.impersonateGroups
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean)) {
    parts.push(`--as-group=${quote(group)}`)
  }
  if (settings.dryRun && settings.verb !== 'can-i' && settings.verb !== 'whoami')
    parts.push('--dry-run=server')
  if (settings.verb === 'apply' && settings.serverSide) {
    parts.push('--server-side')
    if (settings.fieldManager?.trim()) parts.push(`--field-manager=${quote(settings.fieldManager.trim())}`)
    if (settings.forceConflicts) parts.push('--force-conflicts')
  }
  return parts.join(' ')
}
