/**
 * Whether a partial update names anything to change. An empty PATCH body is valid and means
 * "change nothing": services answer it with the entity as it is, without writing (an UPDATE with
 * nothing to SET is an SQL error) and without an audit entry for a change that did not happen.
 */
export function hasChanges(changes: object): boolean {
  return Object.values(changes).some((value) => value !== undefined);
}
