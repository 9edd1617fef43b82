// The sync engine of the app: the bridge (renderer/sync/) over the gated relay, for one unlocked
// workspace. Registered once at start-up with `setSyncEngineFactory(bridgeEngineFactory)`.
import {
  importSpaceKey,
  SyncBridge,
  syncTargetOf,
  WebSocketProvider,
  type WebSocketConstructor,
} from '../sync';
import type { SyncEngine, SyncEngineConfig } from './sync-service';
import type { Workspace } from './workspace';

/** The WebSocket subprotocols the gated relay (`npm run relay`) reads its token from. */
export function relayProtocols(token: string): string[] {
  return ['scrigno-relay.v1', `scrigno-token.${token}`];
}

/** The subject ids erased on this device: the erasure ledger of the workspace. */
export function erasedSubjects(workspace: Pick<Workspace, 'model'>): string[] {
  return workspace.model.list('erasures').map((entry) => entry.subjectId);
}

/** The engine factory, over `WebSocket` (the platform's unless given: tests on Node 20 pass `ws`). */
export function bridgeEngineFactoryWith(options: { WebSocket?: WebSocketConstructor; batchMs?: number }) {
  return (config: SyncEngineConfig, workspace: Workspace | null) => makeBridge(config, workspace, options);
}

/** Makes the bridge for `workspace` (it does nothing until `start()`). */
export const bridgeEngineFactory = bridgeEngineFactoryWith({});

async function makeBridge(
  config: SyncEngineConfig,
  workspace: Workspace | null,
  options: { WebSocket?: WebSocketConstructor; batchMs?: number },
): Promise<SyncEngine> {
  if (!workspace) throw new Error('Sync needs an unlocked vault.');
  const raw = config.spaceKey.slice();
  const spaceKey = await importSpaceKey(config.spaceKey, config.spaceId);
  const target = syncTargetOf(workspace, {
    tombstones: workspace.tombstones,
    erased: () => erasedSubjects(workspace),
  });
  const bridge = new SyncBridge(target, {
    spaceId: config.spaceId,
    spaceKey,
    relay: config.relay,
    newSpace: config.newSpace,
    device: {
      identity: config.identity,
      raw,
      epoch: config.epoch,
      pairedAt: config.pairedAt,
      onSpaceKey: config.onSpaceKey,
    },
    ...(options.batchMs !== undefined ? { batchMs: options.batchMs } : {}),
    provider: (doc) =>
      new WebSocketProvider(doc, {
        url: config.relay,
        room: config.spaceId,
        protocols: relayProtocols(config.token),
        ...(options.WebSocket ? { WebSocket: options.WebSocket } : {}),
      }),
  });
  // The bridge keeps its own copy of the key's bytes (to rotate and re-grant).
  raw.fill(0);
  return bridge;
}
