import { loadOpenApi } from './load'

await loadOpenApi()
