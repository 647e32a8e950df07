import { describe, expect, it } from 'vitest'
import type { AdmissionPluginInfo } from '../engine'
import { flagsOf, flagsText, flagsWith, isDefaultFlags, knownFlags } from './admission'

const plugin = (name: string, defaultOn: boolean, enabled = defaultOn): AdmissionPluginInfo => ({
  name,
  mutating: true,
  validating: false,
  defaultOn,
  enabled,
  implemented: true,
})

const DEFAULTS = [
  plugin('NamespaceLifecycle', true),
  plugin('AlwaysPullImages', false),
  plugin('DefaultTolerationSeconds', true),
  plugin('AlwaysDeny', false),
]

describe('admission flags', () => {
  it('are empty for the default set', () => {
    expect(flagsOf(DEFAULTS)).toEqual({ enable: [], disable: [] })
    expect(isDefaultFlags(flagsOf(DEFAULTS))).toBe(true)
    expect(flagsText(flagsOf(DEFAULTS))).toBe('')
  })

  it('enable optional plugins switched on and disable default ones switched off, in chain order', () => {
    let flags = flagsWith(DEFAULTS, 'AlwaysDeny', true)
    const plugins = DEFAULTS.map((p) => (p.name === 'AlwaysDeny' ? { ...p, enabled: true } : p))
    flags = flagsWith(plugins, 'AlwaysPullImages', true)
    expect(flags.enable).toEqual(['AlwaysPullImages', 'AlwaysDeny'])
    expect(flagsWith(DEFAULTS, 'DefaultTolerationSeconds', false)).toEqual({
      enable: [],
      disable: ['DefaultTolerationSeconds'],
    })
  })

  it('switching a plugin back to its default removes its flag', () => {
    const on = DEFAULTS.map((p) => (p.name === 'AlwaysPullImages' ? { ...p, enabled: true } : p))
    expect(flagsWith(on, 'AlwaysPullImages', false)).toEqual({ enable: [], disable: [] })
  })

  it('print as kube-apiserver flags', () => {
    expect(flagsText({ enable: ['AlwaysPullImages'], disable: ['DefaultTolerationSeconds'] })).toBe(
      '--enable-admission-plugins=AlwaysPullImages --disable-admission-plugins=DefaultTolerationSeconds',
    )
    expect(flagsText({ enable: ['A', 'B'], disable: [] })).toBe('--enable-admission-plugins=A,B')
  })

  it('drop saved names this build does not know', () => {
    expect(knownFlags({ enable: ['AlwaysPullImages', 'Gone'], disable: ['Old'] }, DEFAULTS)).toEqual({
      enable: ['AlwaysPullImages'],
      disable: [],
    })
  })
})
