import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { WEB_API_TYPES, webApiTypes } from '../../scripts/web-api-types.ts';

describe('the web app’s API types', () => {
  it('are generated from the server’s current OpenAPI document (run `npm run web:api-types` after changing a route)', async () => {
    const committed = await readFile(WEB_API_TYPES, 'utf8');
    expect(
      committed === (await webApiTypes()),
      'web/src/api/openapi.d.ts is out of date: run `npm run web:api-types`',
    ).toBe(true);
    // A fresh embedded store and the whole OpenAPI document: slow on a busy 2-core machine.
  }, 180_000);
});
