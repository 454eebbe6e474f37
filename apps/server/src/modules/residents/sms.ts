import type { FastifyBaseLogger } from 'fastify';

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

declare module 'fastify' {
  interface FastifyInstance {
    sms: SmsSender;
  }
}
