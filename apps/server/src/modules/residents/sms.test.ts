import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors.ts';
import { WebhookSmsSender } from './sms.ts';

// The SMS gateway behind WANGGE_SMS_WEBHOOK_URL: the text is posted as JSON; a refusal or silence
// is a 503 the resident can retry, never a code that silently went nowhere.
let server: http.Server;
let base: string;
const received: { phone: string; text: string }[] = [];
let answer = 200;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the SMS gateway', () => {
  it('receives the phone and the text', async () => {
    answer = 200;
    await new WebhookSmsSender(`${base}/sms`).send('13800001111', '【网格】验证码 123456');
    expect(received.at(-1)).toEqual({ phone: '13800001111', text: '【网格】验证码 123456' });
  });

  it('makes a refusal or an unreachable gateway a 503 naming the phone', async () => {
    answer = 500;
    const refused = await new WebhookSmsSender(`${base}/sms`).send('13800001111', 'x').catch((e) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ status: 503, code: 'sms_unavailable', details: { gatewayStatus: 500 } });
    const gone = await new WebhookSmsSender('http://127.0.0.1:9/sms')
      .send('13800001111', 'x')
      .catch((e) => e);
    expect(gone).toMatchObject({ status: 503, details: { gatewayStatus: null } });
  });
});
