import { createContext, useContext } from 'react';
import type { HostClient } from '../../shared/host/contract';

const HostContext = createContext<HostClient | null>(null);

/** Provides the host client to the tree. */
export const HostProvider = HostContext.Provider;

/** The host client (Electron IPC or web transport; callers do not know which). */
export function useHost(): HostClient {
  const host = useContext(HostContext);
  if (!host) throw new Error('useHost outside HostProvider');
  return host;
}
