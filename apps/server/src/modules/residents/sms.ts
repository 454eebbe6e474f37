import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../../http/errors.ts';

/** Sends a text message to a mainland mobile number. A real gateway implements this. */
export interface SmsSender {
  send(phone: string, text: string): Promise<void>;
}

/**
 * The development sink: no message leaves the machine, the text goes to the log, and the last
 * text to each number can be read back (tests and the browser test sign in with it).
 */
export class DevSmsSink implements SmsSender {
  private readonly last = new Map<string, string>();

  constructor(private readonly log: FastifyBaseLogger) {}

  async send(phone: string, text: string): Promise<void> {
    this.last.set(phone, text);
    this.log.info({ phone, text }, 'sms (development sink, not sent)');
  }

  /** The last text sent to the number, or null. */
  lastTo(phone: string): string | null {
    return this.last.get(phone) ?? null;
  }
}

/** How long the gateway may take before the code counts as not sent. */
const GATEWAY_TIMEOUT_MS = 5_000;

/**
 * The city's SMS gateway behind one HTTP call (WANGGE_SMS_WEBHOOK_URL): `POST {phone, text}` as
 * JSON, any 2xx is sent. Vendors' own APIs (signatures, templates) sit behind that gateway, so
 * Wangge holds no vendor keys. A failure is 503: the resident may ask for a code again.
 */
export class WebhookSmsSender implements SmsSender {
  constructor(private readonly url: string) {}

  async send(phone: string, text: string): Promise<void> {
    let status: number | null = null;
    try {
      const res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone, text }),
        signal: AbortSignal.timeout(GATEWAY_TIMEOUT_MS),
      });
      status = res.status;
      await res.body?.cancel();
    } catch {
      // unreachable or too slow: reported below like a refusal
    }
    if (status === null || status < 200 || status >= 300) {
      throw new AppError(
        503,
        'sms_unavailable',
        '短信暂时无法发送，请稍后再试 (the SMS gateway did not take the text)',
        {
          field: 'phone',
          gatewayStatus: status,
        },
      );
    }
  }
}

/** The configured sender: the gateway when WANGGE_SMS_WEBHOOK_URL is set, else the development sink. */
export function smsSender(url: string | null, log: FastifyBaseLogger): SmsSender {
  return url ? new WebhookSmsSender(url) : new DevSmsSink(log);
}

declare module 'fastify' {
  interface FastifyInstance {
    sms: SmsSender;
  }
}
