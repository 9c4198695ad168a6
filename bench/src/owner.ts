/**
 * Which agent a conversation belongs to in the benchmark: a stable hash of its id, so every
 * process agrees without talking (FNV-1a, 32 bits).
 */
export function ownerOf(conversationId: string, agents: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < conversationId.length; i++) {
    hash ^= conversationId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % Math.max(1, agents);
}
