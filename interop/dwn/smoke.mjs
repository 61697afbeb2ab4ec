// Smoke check: the SDK loads and its in-process Dwn processes a RecordsWrite built and signed by its own builders.
import { Dwn, DataStoreLevel, EventLogLevel, MessageStoreLevel, ResumableTaskStoreLevel, TestDataGenerator } from '@tbd54566975/dwn-sdk-js';
const dir = process.argv[2] ?? '/tmp/dwn-smoke';
const dwn = await Dwn.create({
  messageStore: new MessageStoreLevel({ blockstoreLocation: dir + '/msg-blocks', indexLocation: dir + '/msg-index' }),
  dataStore: new DataStoreLevel({ blockstoreLocation: dir + '/data' }),
  eventLog: new EventLogLevel({ location: dir + '/events' }),
  resumableTaskStore: new ResumableTaskStoreLevel({ location: dir + '/tasks' }),
});
const alice = await TestDataGenerator.generateDidKeyPersona();
const { message, dataStream } = await TestDataGenerator.generateRecordsWrite({ author: alice });
const reply = await dwn.processMessage(alice.did, message, { dataStream });
console.log(JSON.stringify({ status: reply.status, did: alice.did }));
await dwn.close();
