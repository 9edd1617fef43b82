// Types for the argon2-browser entry the known-answer tests use as their reference (a development
// dependency; the package ships none for it).
declare module 'argon2-browser/dist/argon2-bundled.min.js' {
  export interface Argon2HashParams {
    pass: string | Uint8Array;
    salt: string | Uint8Array;
    time?: number;
    mem?: number;
    hashLen?: number;
    parallelism?: number;
    type?: number;
    secret?: Uint8Array;
    ad?: Uint8Array;
  }
  export interface Argon2HashResult {
    hash: Uint8Array;
    hashHex: string;
    encoded: string;
  }
  const argon2: {
    ArgonType: { Argon2d: 0; Argon2i: 1; Argon2id: 2 };
    hash(params: Argon2HashParams): Promise<Argon2HashResult>;
  };
  export default argon2;
}

declare module 'argon2-browser/dist/argon2-simd.wasm?url&inline' {
  const dataUrl: string;
  export default dataUrl;
}
