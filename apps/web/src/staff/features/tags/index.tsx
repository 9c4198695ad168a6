import { lazy } from 'react';
import type { StaffFeature } from '../feature';

const TagsPage = lazy(async () => ({ default: (await import('./TagsPage')).TagsPage }));
const SearchPage = lazy(async () => ({ default: (await import('./SearchPage')).SearchPage }));

/** Tags (admins keep them, the desk reads them) and the desk's search. */
export const tagsFeature: StaffFeature = {
  name: 'tags',
  routes: [
    { path: 'tags', ability: 'inbox', element: <TagsPage /> },
    { path: 'search', ability: 'inbox', element: <SearchPage /> },
  ],
  nav: [
    { to: '/app/search', label: 'search.nav', ability: 'inbox' },
    { to: '/app/tags', label: 'tags.nav', ability: 'inbox' },
  ],
};
