// Admission flags as kube-apiserver takes them, derived from the plugin list the worker reports. Pure
// functions: the panel, the store and the tests all use them.
import type { AdmissionPluginInfo } from '../engine'
import type { AdmissionFlags } from '../worker/protocol'

export const DEFAULT_FLAGS: AdmissionFlags = { enable: [], disable: [] }

/**
 * The flags that give this plugin set, in chain order: optional plugins switched on, default ones
 * switched off. Derived from what is enabled rather than kept separately, so a scenario that "enables"
 * a plugin that is on anyway shows no flag for it, as the apiserver would behave.
 */
export function flagsOf(plugins: readonly AdmissionPluginInfo[]): AdmissionFlags {
  return {
    enable: plugins.filter((p) => p.enabled && !p.defaultOn).map((p) => p.name),
    disable: plugins.filter((p) => !p.enabled && p.defaultOn).map((p) => p.name),
  }
}

/** The flags after switching one plugin on or off. */
export function flagsWith(
  plugins: readonly AdmissionPluginInfo[],
  name: string,
  enabled: boolean,
): AdmissionFlags {
  return flagsOf(plugins.map((p) => (p.name === name ? { ...p, enabled } : p)))
}

export function isDefaultFlags(flags: AdmissionFlags): boolean {
  return flags.enable.length === 0 && flags.disable.length === 0
}

/** The command-line flags, as they would be passed to kube-apiserver; '' for the default set. */
export function flagsText(flags: AdmissionFlags): string {
  const parts: string[] = []
  if (flags.enable.length > 0) parts.push(`--enable-admission-plugins=${flags.enable.join(',')}`)
  if (flags.disable.length > 0) parts.push(`--disable-admission-plugins=${flags.disable.join(',')}`)
  return parts.join(' ')
}

/**
 * Saved flags limited to plugins this build knows: the plugin list grows and changes between versions,
 * and a name the engine no longer has must not stop the saved scenario from loading.
 */
export function knownFlags(flags: AdmissionFlags, plugins: readonly AdmissionPluginInfo[]): AdmissionFlags {
  const known = new Set(plugins.map((p) => p.name))
  return {
    enable: flags.enable.filter((n) => known.has(n)),
    disable: flags.disable.filter((n) => known.has(n)),
  }
}
