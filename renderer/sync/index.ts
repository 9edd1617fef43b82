// The public API of sync (README). Nothing here runs unless a caller starts a bridge.
export { SyncBridge, type SyncConfig, type SyncErrorCode, type SyncState, type SyncStatus } from './bridge';
export { createSpaceKey, importSpaceKey, openSpaceKey, sealSpaceKey, type SpaceKey } from './keys';
export { EnvelopeRefused, type RefusalReason } from './envelope';
export type { ProviderErrorCode, ProviderEvent, ProviderFactory, SyncProvider } from './provider';
export { MemoryNetwork, MemoryProvider } from './memory-provider';
export { syncTargetOf, type SyncTarget } from './target';
export {
  WebSocketProvider,
  type WebSocketConstructor,
  type WebSocketProviderOptions,
} from './websocket-provider';
export {
  createDeviceIdentity,
  grantSpaceKey,
  importDeviceIdentity,
  openSpaceKeyGrant,
  rotateSpaceKey,
  type DeviceIdentity,
} from './devices';
export {
  invite,
  join,
  pairingErrorCode,
  systemClock,
  type DeviceCard,
  type Invitation,
  type PairingClock,
  type PairingTransportFactory,
} from './pairing';
export { relayPairingTransport } from './pairing-relay';
export { MemoryPairingRelay } from './pairing-memory';
export { fromBase64Url, toBase64Url } from './base64url';
