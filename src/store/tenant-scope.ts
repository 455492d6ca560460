import type { Db } from './database.ts';

/**
 * The only handle through which tenant-owned rows are read or written. Repositories take a
 * scope, never a bare database, and put `tenantId` into every statement they build; a scope
 * is made once per request from the caller's credentials.
 */
export interface TenantScope {
  readonly db: Db;
  readonly tenantId: string;
}

export const scopeTo = (db: Db, tenantId: string): TenantScope => ({ db, tenantId });

export function inTransaction<T>(scope: TenantScope, work: (tx: TenantScope) => Promise<T>): Promise<T> {
  return scope.db.transaction((tx) => work({ db: tx as unknown as Db, tenantId: scope.tenantId }));
}
