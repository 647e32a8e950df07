export {
  decodeFromStorage,
  encodeForStorage,
  fieldsNotStored,
  PROTOBUF_MEDIA_TYPE,
  PROTOBUF_PREFIX,
  storageMediaType,
} from './storage'
export { STORED_KINDS } from './schema'
