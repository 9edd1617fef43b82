// y-leveldb 0.2 ships its types but its package.json "exports" hides them from "bundler"
// resolution: the part of its API the relay uses.
declare module 'y-leveldb' {
  import type * as Y from 'yjs';

  export class LeveldbPersistence {
    constructor(location: string, options?: { Level?: unknown; levelOptions?: object });
    getYDoc(docName: string): Promise<Y.Doc>;
    storeUpdate(docName: string, update: Uint8Array): Promise<number>;
    getAllDocNames(): Promise<string[]>;
    destroy(): Promise<void>;
  }
}
