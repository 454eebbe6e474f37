// The phone's 送证上门 with a handover photo: an elderly-card errand approved by civil affairs (set up
// through the API) is delivered by the grid worker on a 390×844 phone with a note and a photo; the
// errand shows 已办结 and the photo in its history.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadPhoto } from '../../server/src/modules/cases/test-helpers.ts';
import type { Client, TestApp } from '../../server/test/harness.ts';
import { systemTool } from '../../server/test/system-tools.ts';
import {
  type BrowserTest,
  CHROMIUM,
  newPhone,
  phoneLogin,
  RESULTS_DIR,
  startBrowserTest,
} from './browser.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const GRID = '120110001001001';
const WAIT = { timeout: 30_000 };

describe.skipIf(!chromium.available)('the phone delivers an errand with a handover photo', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let close: BrowserTest['close'] | undefined;
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(RESULTS_DIR, `phone-notifications-${name}.png`), fullPage: true });

  beforeAll(async () => {
    ({ t, base, browser, close } = await startBrowserTest());
  }, 600_000);
  afterAll(() => close?.());

  async function act(client: Client, id: string, action: string, body: Record<string, unknown> = {}) {
    const current = await client.get(`/api/errands/${id}`);
    const res = await client.post(`/api/errands/${id}/actions/${action}`, {
      version: current.data.version,
      ...body,
    });
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  }

  it('worker delivers with note and photo → 已办结 with the handover photo in the history', async () => {
    const worker = await t.login(`w${GRID}`);
    const leader = await t.login(`wz${GRID}`);
    const civil = await t.login('dept_civil');
    const person = await t.db
      .selectFrom('people')
      .select('id')
      .where('grid_path', 'like', `%/${GRID}/`)
      .where('status', '=', 'active')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const started = await worker.post('/api/errands', {
      personId: person.id,
      typeCode: 'elderly_card',
      fields: { applicant_phone: '13812345678', hukou_type: 'local', delivery: 'home' },
    });
    expect(started.statusCode, started.body).toBe(201);
    const id: string = started.data.id;
    for (const documentKey of ['id_copy', 'photo']) {
      const attachmentId = await uploadPhoto(worker, { r: 40, g: 90, b: 200 });
      const res = await worker.post(`/api/errands/${id}/documents`, { documentKey, attachmentId });
      expect(res.statusCode, res.body).toBe(200);
    }
    await act(worker, id, 'submit');
    await act(leader, id, 'leaderApprove', { note: '材料齐全' });
    await act(civil, id, 'departmentApprove', { note: '证件已制作' });

    const phone = await newPhone(browser, { lon: 117.27, lat: 39.1 });
    await phoneLogin(phone, base, `w${GRID}`);
    await phone.goto(`${base}/m/errands/${id}`);
    await phone.getByTestId('errand-state').filter({ hasText: '待送证上门' }).waitFor(WAIT);
    expect(await phone.getByTestId('errand-handover').count()).toBe(0);
    await phone.locator('textarea').fill('证件已送到老人家中，本人签收');
    const handover = await sharp({ create: { width: 96, height: 64, channels: 3, background: '#e1a100' } })
      .jpeg()
      .toBuffer();
    await phone
      .getByTestId('errand-handover-photo')
      .setInputFiles({ name: 'handover.jpg', mimeType: 'image/jpeg', buffer: handover });
    await shot(phone, '1-deliver');
    await phone.getByTestId('errand-action-deliver').click();
    await phone.locator('.adm-dialog-button', { hasText: '确定' }).click();
    await phone.getByTestId('errand-state').filter({ hasText: '已办结' }).waitFor(WAIT);
    await phone.getByTestId('errand-handover').locator('img').waitFor(WAIT);
    await shot(phone, '2-delivered');

    const step = await t.db
      .selectFrom('errand_steps')
      .select(['details', 'note'])
      .where('errand_id', '=', id)
      .where('action', '=', 'deliver')
      .executeTakeFirstOrThrow();
    const photoId = (step.details as { attachmentId?: string }).attachmentId;
    expect(photoId).toBeDefined();
    const photo = await t.db
      .selectFrom('attachments')
      .select('size_bytes')
      .where('id', '=', photoId!)
      .executeTakeFirstOrThrow();
    expect(photo.size_bytes).toBeGreaterThan(0);
    const done = await t.db
      .selectFrom('errands')
      .select(['state', 'completion_note'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(done).toEqual({ state: 'completed', completion_note: '证件已送到老人家中，本人签收' });
  }, 300_000);
});
