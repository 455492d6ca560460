/** Where customers usually raise a matter: most ask directly, some say it in public. */
export const ASKING = [
  ['email', 3],
  ['chat', 3],
  ['phone', 4],
  ['portal', 1],
] as const;
export const SOCIAL = [
  ['email', 2],
  ['chat', 2],
  ['phone', 3],
  ['social', 2],
  ['forum', 2],
] as const;
