import { type BusLog, type EventBus, InProcessBus } from './bus.ts';
import { NatsBus } from './nats-bus.ts';

/** NATS_URL set: JetStream between instances; otherwise one process with an in-process bus. */
export function createEventBus(options: {
  natsUrl: string | null;
  natsPrefix: string;
  log: BusLog;
}): Promise<EventBus> {
  if (!options.natsUrl) return Promise.resolve(new InProcessBus(options.log));
  return NatsBus.connect({ url: options.natsUrl, prefix: options.natsPrefix, log: options.log });
}
