// The engine's public surface: the only module outside src/engine may import (types only, from the UI).
export type * from './types'
export type * from './scenario/types'
export type { ClusterSnapshot, StoredEntry, StoredRevision, Identity, AdmissionPluginInfo, Simulator } from './simulator'
export { createSimulator } from './simulator'
export { loadOpenApi } from './openapi/load'
export { parseScenario, parseManifest } from './scenario/parse'
export { STAGES } from './stages'
export { ADMISSION_PLUGINS } from './admission/plugins'
// Serve mode turns the protobuf bodies kubectl's typed clients send into the JSON the handlers read.
export { decodeFromStorage as decodeProtobufObject } from './protobuf'
// Serve mode's kubeconfig holds a service-account token, minted as the token controller would.
export { issueServiceAccountToken, SERVICE_ACCOUNT_ISSUER, serviceAccountUsername } from './authentication'
