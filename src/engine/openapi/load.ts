// The OpenAPI data is 1.7 MB of JSON, so nothing imports it statically: the worker starts loading it after
// the app is up, the CLI and the tests wait for it before they build a server. Until it is loaded the
// /openapi endpoints are not there, as on a server whose OpenAPI controller has not yet run.
import { createOpenApiSource, type OpenApiSource } from './source'
import type { OpenApiV2 } from './types'

let loaded: OpenApiSource | undefined

export function loadedOpenApi(): OpenApiSource | undefined {
  return loaded
}

export async function loadOpenApi(): Promise<OpenApiSource> {
  const data = (await import('./spec.generated.json')).default as unknown as OpenApiV2
  loaded ??= createOpenApiSource(data)
  return loaded
}
