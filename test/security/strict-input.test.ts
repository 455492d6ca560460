import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalysisWorker } from '../../src/jobs/analysis-worker.ts';
import type { CreatedTenant } from '../../src/services/tenants/create-tenant.ts';
import { contactCentre } from '../helpers/contact-centre.ts';
import { postContact, startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let tenant: CreatedTenant;
beforeAll(async () => {
  t = await startTestApp();
  tenant = await t.newTenant();
});
afterAll(() => t.close());

const LENIENT = ['0x1F', '1e3', ' 31 ', '0b11', '', true, false, null];

describe('integer fields take numbers and decimal strings only', () => {
  const sla = (value: unknown) =>
    t.call(tenant.token, {
      method: 'PUT',
      url: '/api/v1/sla/policies/urgent',
      payload: { firstResponseMinutes: value, nextUpdateMinutes: 60, resolutionMinutes: 240 },
    });

  it('refuses hex, exponents, padding and booleans in an SLA policy, and stores plain numbers', async () => {
    for (const value of LENIENT) {
      const res = await sla(value);
      expect(res.statusCode, JSON.stringify(value)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      expect(res.json().error.details[0].field).toBe('body.firstResponseMinutes');
    }
    expect((await sla(31)).json().firstResponseMinutes).toBe(31);
    expect((await sla('45')).json().firstResponseMinutes).toBe(45);
  });

  it('refuses them in the case policy, nested too', async () => {
    const current = (await t.call(tenant.token, { method: 'GET', url: '/api/v1/settings/case-policy' })).json();
    const put = (policy: unknown) =>
      t.call(tenant.token, { method: 'PUT', url: '/api/v1/settings/case-policy', payload: policy as object });
    for (const value of LENIENT) {
      const top = await put({ ...current, transferOfferMinutes: value });
      expect(top.statusCode, JSON.stringify(value)).toBe(400);
      const nested = await put({ ...current, effortThresholds: { ...current.effortThresholds, contacts: value } });
      expect(nested.statusCode, JSON.stringify(value)).toBe(400);
      expect(nested.json().error.details[0].field).toBe('body.effortThresholds.contacts');
    }
    const saved = await put({ ...current, transferOfferMinutes: 20 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().transferOfferMinutes).toBe(20);
  });

  it('refuses them in the channel settings', async () => {
    for (const value of LENIENT) {
      const res = await t.call(tenant.token, {
        method: 'PATCH',
        url: '/api/v1/channels/settings',
        payload: { repeatWindowMinutes: value },
      });
      expect(res.statusCode, JSON.stringify(value)).toBe(400);
    }
    const saved = await t.call(tenant.token, {
      method: 'PATCH',
      url: '/api/v1/channels/settings',
      payload: { repeatWindowMinutes: 120 },
    });
    expect(saved.json().repeatWindowMinutes).toBe(120);
  });

  it('keeps decimal strings in query strings, where everything is text', async () => {
    expect((await t.call(tenant.token, { method: 'GET', url: '/api/v1/cases?limit=5' })).statusCode).toBe(200);
    for (const value of ['0x1F', '1e1', '%2031', 'true']) {
      const res = await t.call(tenant.token, { method: 'GET', url: `/api/v1/cases?limit=${value}` });
      expect(res.statusCode, value).toBe(400);
      expect(res.json().error.details[0].field).toBe('querystring.limit');
    }
  });

  it('still takes text that looks like a number where text is expected', async () => {
    const res = await t.call(tenant.token, { method: 'GET', url: '/api/v1/search?q=0x1F' });
    expect(res.statusCode).toBe(200);
  });
});

describe('training topic models', () => {
  const TOPICS: Record<string, string[]> = {
    billing: ['my bill is higher than last month', 'I was charged twice on my invoice', 'an extra fee on my bill'],
    roaming: ['my phone does not work abroad', 'roaming charges in Spain are too high', 'no signal in France'],
  };

  it('gives overlapping training requests distinct versions, all answered 201, one active at the end', async () => {
    const centre = await contactCentre(t);
    for (const [topic, texts] of Object.entries(TOPICS)) {
      for (const [i, text] of texts.entries()) {
        const contact = await postContact(t, centre.admin, {
          channel: 'email',
          customer: { email: `${topic}${i}@example.com` },
          text,
        });
        await new AnalysisWorker(t.database.db, { tenantIds: [centre.tenant.tenant.id] }).drain();
        const labelled = await t.call(centre.manager.token, {
          method: 'POST',
          url: `/api/v1/contacts/${contact.id}/labels`,
          payload: { topic },
        });
        expect(labelled.statusCode).toBe(201);
      }
    }
    const train = () =>
      t.call(centre.manager.token, { method: 'POST', url: '/api/v1/analysis/models', payload: { name: 'topics' } });
    const answers = await Promise.all([train(), train(), train(), train(), train()]);
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201, 201]);
    const versions = answers.map((a) => a.json().model.version as number).sort();
    expect(versions).toEqual([1, 2, 3, 4, 5]);

    // Activating overlapping versions at once: each succeeds, and one stays active.
    const models = (await t.call(centre.manager.token, { method: 'GET', url: '/api/v1/analysis/models' })).json();
    const activations = await Promise.all(
      models.map((m: { id: string }) =>
        t.call(centre.manager.token, { method: 'POST', url: `/api/v1/analysis/models/${m.id}/activate` }),
      ),
    );
    expect(activations.map((a) => a.statusCode)).toEqual(models.map(() => 200));
    const after = (await t.call(centre.manager.token, { method: 'GET', url: '/api/v1/analysis/models' })).json();
    expect(after.filter((m: { active: boolean }) => m.active)).toHaveLength(1);
  });
});
