import type { GroupCommit } from '../src/modules/conversations/group-commit.js';

/** Every batch `group` writes from now on, by size (the node's own metrics still see each). */
export function watchBatches<I extends { senderKey: string }, R>(group: GroupCommit<I, R>): number[] {
  const sizes: number[] = [];
  const before = group.onBatch;
  group.onBatch = (size) => {
    sizes.push(size);
    before?.(size);
  };
  return sizes;
}
