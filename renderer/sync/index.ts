// The public API of sync (README). Nothing here runs unless a caller starts a bridge.
export {
  SyncBridge,
  type DeviceConfig,
  type SyncConfig,
  type SyncErrorCode,
  type SyncState,
  type SyncStatus,
} from './bridge';
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
export { fromBase64Url, toBase64Url } from './base64url';
export {
  invite,
  join,
  pairingErrorCode,
  systemClock,
  type DeviceCard,
  type Invitation,
  type PairingClock,
  type PairingTransport,
  type PairingTransportFactory,
} from './pairing';
export { isPairingError, PairingError, type PairingErrorCode } from './pairing-errors';
export { relayPairingTransport, type RelayTransportOptions } from './pairing-relay';
export { MemoryPairingRelay } from './pairing-memory';
export {
  createDeviceIdentity,
  DeviceBook,
  grantSpaceKey,
  importDeviceIdentity,
  openSpaceKeyGrant,
  rotateSpaceKey,
  type DeviceEntry,
  type DeviceIdentity,
  type Rotation,
} from './devices';
