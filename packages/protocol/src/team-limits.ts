// Plain numbers in a module of their own, so the web app can use them without the teams schemas.

/** How many open conversations a member takes at once, unless an admin says otherwise. */
export const DEFAULT_MEMBER_CAPACITY = 8;
export const MAX_MEMBER_CAPACITY = 50;
export const MAX_MEMBER_LANGUAGES = 10;
export const MAX_MEMBER_SKILLS = 20;
