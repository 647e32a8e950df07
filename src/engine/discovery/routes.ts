// Which prefixes kube-apiserver's go-restful container owns. Its director hands a path to go-restful when
// a registered web service's root is a prefix of it (/api, /api/v1, /apis/<group>, /apis/<group>/<version>);
// go-restful then answers a path it has no route for with a 404 Status. Every other path goes on down the
// delegation chain and ends at the NotFound handler's plain `404 page not found`.
import type { ResourceInfo } from '../resources'

export function goRestfulOwns(path: string, served: readonly ResourceInfo[]): boolean {
  const parts = path.split('/').filter(Boolean)
  if (parts[0] === 'api') return true
  if (parts[0] !== 'apis' || parts.length < 2) return false
  return served.some((r) => r.group === parts[1])
}
