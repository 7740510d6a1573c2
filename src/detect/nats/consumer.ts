import { AckPolicy, jetstream, jetstreamManager, type ConsumerMessages } from '@nats-io/jetstream';
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import type { CoreContext } from '../../core/context.ts';

/** Handles one message's body (a batch of telemetry lines); `eventKey` identifies the message across redeliveries. */
export type BatchHandler = (body: Uint8Array, eventKey: string) => Promise<void>;

export interface RunningConsumer {
  stop(): Promise<void>;
}

/**
 * A JetStream durable pull consumer. Every Accord process binds to the same durable consumer, so each message goes
 * to exactly one of them (the JetStream form of a queue group): adding processes or machines spreads the load.
 * Delivery is at least once: a message is acknowledged only after its detections are committed, and one that
 * fails is redelivered; the handler recognises redelivered events (see recordHits), so nothing is counted twice.
 */
export async function startTelemetryConsumer(ctx: CoreContext, handle: BatchHandler): Promise<RunningConsumer> {
  const { natsUrl, natsStream, natsSubject, natsConsumer } = ctx.config;
  if (!natsUrl) throw new Error('ACCORD_NATS_URL is not set');
  const nc: NatsConnection = await connect({ servers: natsUrl, name: 'accord-detect' });
  await ensureStreamAndConsumer(nc, natsStream, natsSubject, natsConsumer);
  const consumer = await jetstream(nc).consumers.get(natsStream, natsConsumer);
  const messages: ConsumerMessages = await consumer.consume({ max_messages: 64 });
  const log = ctx.log.child({ component: 'nats', stream: natsStream, consumer: natsConsumer });
  log.info('consuming telemetry');
  const done = (async () => {
    for await (const message of messages) {
      try {
        await handle(message.data, `nats:${natsStream}:${message.seq}`);
        message.ack();
      } catch (error) {
        // Not acknowledged: JetStream delivers it again after a pause.
        log.warn({ err: error, seq: message.seq }, 'telemetry batch failed; it will be redelivered');
        message.nak(5_000);
      }
    }
  })();
  return {
    async stop() {
      await messages.close();
      await done.catch(() => {});
      await nc.drain();
    },
  };
}

async function ensureStreamAndConsumer(nc: NatsConnection, stream: string, subject: string, durable: string) {
  const jsm = await jetstreamManager(nc);
  try {
    await jsm.streams.info(stream);
  } catch {
    await jsm.streams.add({ name: stream, subjects: [subject] });
  }
  try {
    await jsm.consumers.info(stream, durable);
  } catch {
    await jsm.consumers.add(stream, {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      ack_wait: nanos(60_000),
      max_deliver: 20,
    });
  }
}
