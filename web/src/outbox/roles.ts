import type { Role } from '../api/types';

/** Who may read the organisation's sent mail (the API's outbox:read). */
export const OUTBOX_ROLES: readonly Role[] = ['admin', 'supervisor'];
