import type { StaffActor } from '../../platform/actor.js';
import { organizationPolicy } from '../organizations/index.js';

/**
 * Who may change which image. The organization's logo is a setting (its admins'); a photo is its
 * owner's alone, and only staff of an organization have one (guests see it beside their name).
 * Serving needs no policy: a file's id is random and is only handed out where the image is shown.
 */
export const filePolicy = {
  changeLogo: (actor: StaffActor) => organizationPolicy.edit(actor),
  changeOwnPhoto: (actor: StaffActor) => actor.orgId !== null,
};
