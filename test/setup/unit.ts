// Unit-test setup: an in-memory IndexedDB for Dexie logic (correct, but far too slow for
// performance figures, which are measured in Chromium by `npm run bench`).
import 'fake-indexeddb/auto';
