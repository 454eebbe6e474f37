// "My grid" in the resident app /r on a 390×844 phone: from the phone's position the resident
// sees the grid, its full-time worker and service hours with the number masked, makes it their
// grid and then sees the whole number with a call button, and the community's notices. Then a
// report of theirs, handled and closed, is not fixed: they reopen it with a reason and a photo.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointIn, uploadPhoto } from '../../server/src/modules/cases/test-helpers.ts';
import type { DevSmsSink } from '../../server/src/modules/residents/sms.ts';
import { closeCase } from '../../server/src/modules/residents/test-helpers.ts';
import { makeClient, type TestApp } from '../../server/test/harness.ts';
import { systemTool } from '../../server/test/system-tools.ts';
import { type BrowserTest, CHROMIUM, newPhone, RESULTS_DIR, startBrowserTest } from './browser.ts';

const chromium = systemTool(CHROMIUM, 'chromium');
const GRID = '120110001001002';
const PHONE = '13811113333';
const WAIT = { timeout: 30_000 };

describe.skipIf(!chromium.available)('my grid in the resident app', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let close: BrowserTest['close'] | undefined;
  let phone: Page;
  let workerPhone: string;
  const shot = (name: string) =>
    phone.screenshot({ path: path.join(RESULTS_DIR, `resident-grid-${name}.png`), fullPage: true });

  beforeAll(async () => {
    ({ t, base, browser, close } = await startBrowserTest());
    const worker = await t.db
      .selectFrom('grid_team_members as m')
      .innerJoin('org_units as g', 'g.id', 'm.grid_id')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select('u.phone')
      .where('g.code', '=', GRID)
      .where('m.team_role', '=', 'full_time')
      .executeTakeFirstOrThrow();
    workerPhone = worker.phone!;
    phone = await newPhone(browser, await pointIn(t, GRID, 0));
  }, 300_000);
  afterAll(() => close?.());

  it('finds the grid from the position, the number masked until it is made my grid', async () => {
    await phone.goto(`${base}/r/`);
    await phone.getByTestId('sign-in').waitFor(WAIT);
    await phone.fill('#phone', PHONE);
    await phone.getByTestId('send-code').click();
    await phone.getByText('验证码已发送').waitFor(WAIT);
    await phone.fill('#code', (t.app.sms as DevSmsSink).lastTo(PHONE)!.match(/\d{6}/)![0]);
    await phone.getByRole('button', { name: '登录', exact: true }).click();
    await phone.getByTestId('home').waitFor(WAIT);
    await phone.getByRole('button', { name: '我的网格' }).click();
    await phone.getByTestId('my-grid').waitFor(WAIT);
    await phone.getByRole('button', { name: '用当前位置查找' }).click();
    await phone.getByTestId('grid-card').waitFor(WAIT);
    await phone.getByText('设为我的网格后可查看完整号码').waitFor(WAIT);
    expect(await phone.getByTestId('worker-phone').textContent()).toContain('****');
    await shot('01-found-masked');

    await phone.getByRole('button', { name: '这是我家，设为我的网格' }).click();
    await phone.getByRole('button', { name: `拨打电话 ${workerPhone}` }).waitFor(WAIT);
    expect(await phone.getByTestId('worker-phone').textContent()).toBe(workerPhone);
    // The community's current notices; next week's water cut is not shown yet.
    await phone.getByText('关于开展冬季消防安全检查的通知').waitFor(WAIT);
    expect(await phone.getByText('下周二停水通知').count()).toBe(0);
    await phone.getByText('老年人意外伤害保险开始办理').click();
    await phone.getByText('可在社区服务站办理').waitFor(WAIT);
    await shot('02-my-grid');
  });

  it('reopens a closed report that is not fixed, and the timeline shows it', async () => {
    // The report is sent from the same account on the phone's session, then handled and closed.
    const cookies = await phone.context().cookies();
    const session = cookies.find((c) => c.name === 'wangge_session')!;
    const csrf = await phone.evaluate(() => localStorage.getItem('wangge.r.csrf'));
    const resident = makeClient(t.app, { cookie: `wangge_session=${session.value}`, 'x-csrf-token': csrf! });
    const at = await pointIn(t, GRID, 1);
    const sent = await resident.post('/api/cases', {
      categoryCode: 'SG02-01',
      description: '楼道堆放纸箱',
      source: 'resident_app',
      photoIds: [await uploadPhoto(resident)],
      ...at,
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const id = sent.data.id as string;
    const dispatcher = await t.login('dispatcher');
    const worker = await t.login(`w${GRID}`);
    await closeCase(t, { dispatcher, worker }, id, GRID);

    await phone.goto(`${base}/r/reports/${id}`);
    await phone.getByTestId('reopen').waitFor(WAIT);
    await phone.getByPlaceholder('说明哪里还没解决（必填）').fill('纸箱又堆上了');
    const jpeg = await sharp({
      create: { width: 320, height: 240, channels: 3, background: { r: 90, g: 60, b: 30 } },
    })
      .jpeg()
      .toBuffer();
    await phone
      .getByTestId('reopen')
      .locator('input[type=file]')
      .setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await phone.getByText('已添加照片').waitFor(WAIT);
    await shot('03-reopen');
    await phone.getByRole('button', { name: '重新打开' }).click();
    await phone.getByText('居民反映未解决 · 处理中').waitFor(WAIT);
    expect(await phone.getByTestId('reopen').count()).toBe(0);
    await shot('04-reopened');
    expect((await dispatcher.get(`/api/cases/${id}`)).data.state).toBe('filed');
  });
});
