import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A CommonJS dependency loaded the first time it is used instead of when the node starts, for the
 * heavy ones few requests need (pdfkit with its fonts: ~13 MB of an idle node's resident memory).
 * Synchronous, so the code using it keeps its shape; the first use pays the load once.
 */
export function requiredOnFirstUse<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= require(name) as T;
    return loaded;
  };
}
