package io.cairn.dwn.handler;

import io.cairn.dwn.event.EventStream;
import io.cairn.dwn.store.DataCidComputer;
import io.cairn.dwn.store.DataStore;
import io.cairn.dwn.store.EventLog;
import io.cairn.dwn.store.MessageStore;

/**
 * What a message handler works with: the stores, the event stream (null: subscriptions unsupported),
 * authentication, the authorization hooks, the record locks and the store transaction.
 */
public record HandlerContext(
    MessageStore messageStore,
    DataStore dataStore,
    EventLog eventLog,
    EventStream eventStream,
    ResumableTaskManager tasks,
    Authentication authentication,
    ProtocolAuthorizer protocols,
    GrantAuthorizer grants,
    CoreRecords coreRecords,
    DataCidComputer dataCidComputer,
    StoreTransactions transactions,
    RecordLocks locks) {}
