import type { Stay } from '../../types';

/** The stay's named guests, "Anna Nowak, Jan Nowak"; empty when none gave a name. */
export function guestNames(stay: Stay): string {
  return stay.guests
    .map((g) => g.name)
    .filter(Boolean)
    .join(', ');
}
