// SetDefaults_HorizontalPodAutoscaler for autoscaling/v2 (pkg/apis/autoscaling/v2/defaults.go) and v1
// (pkg/apis/autoscaling/v1/defaults.go).

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The CPU target an HPA gets when it names no metric at all (autoscaling.DefaultCPUUtilization). */
export const DEFAULT_CPU_UTILIZATION = 80

export const defaultCPUMetric = (utilization = DEFAULT_CPU_UTILIZATION): Obj => ({
  type: 'Resource',
  resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: utilization } },
})

// The rules that reproduce the HPA's behaviour from before `behavior` existed: scale up by 4 pods or 100%
// every 15s (whichever is more) with no stabilization; scale down by 100% every 15s. The scale-down window
// stays unset because the controller's --horizontal-pod-autoscaler-downscale-stabilization flag fills it.
const scaleUpDefaults = (): Obj => ({
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
})
const scaleDownDefaults = (): Obj => ({
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
})

/** copyHPAScalingRules: what the user set wins, field by field; the rest comes from the defaults. */
function fillRules(given: unknown, defaults: Obj): Obj {
  if (!isObj(given)) return defaults
  const out: Obj = {}
  const pick = (k: string): void => {
    const v = given[k] != null ? given[k] : defaults[k]
    if (v != null) out[k] = v
  }
  // In the JSON order of HPAScalingRules.
  pick('stabilizationWindowSeconds')
  pick('selectPolicy')
  pick('policies')
  pick('tolerance')
  return out
}

export function defaultHPAv2(obj: Obj): void {
  if (!isObj(obj.spec)) obj.spec = {}
  const spec = obj.spec as Obj
  if (spec.minReplicas == null) spec.minReplicas = 1
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) spec.metrics = [defaultCPUMetric()]
  // Behavior is only completed when the user wrote one; an HPA without it keeps none.
  if (isObj(spec.behavior)) {
    const b = spec.behavior
    spec.behavior = {
      scaleUp: fillRules(b.scaleUp, scaleUpDefaults()),
      scaleDown: fillRules(b.scaleDown, scaleDownDefaults()),
    }
  }
}

/** autoscaling/v1 only defaults minReplicas; the 80% CPU default comes from converting to the hub version. */
export function defaultHPAv1(obj: Obj): void {
  if (!isObj(obj.spec)) obj.spec = {}
  const spec = obj.spec as Obj
  if (spec.minReplicas == null) spec.minReplicas = 1
}
