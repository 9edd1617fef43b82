// The parts of one unlocked vault, as handed to the operations that span several of them (cold
// open, single-record reads, compaction, erasure).
import type { VaultContext } from './context';
import type { Overlay } from './overlay';
import type { PackStore } from './pack-store';
import type { SubjectKeys } from './subject-keys';

/** The parts of one unlocked vault. */
export interface VaultParts {
  readonly ctx: VaultContext;
  readonly subjects: SubjectKeys;
  readonly packs: PackStore;
  readonly overlay: Overlay;
}
