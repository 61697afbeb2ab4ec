package io.cairn.dwn.protocol;

import io.cairn.dwn.handler.ProtocolAuthorizer;
import io.cairn.dwn.message.AuthoredMessage;
import io.cairn.dwn.message.RecordsWrite;
import io.cairn.dwn.store.MessageStore;

/** The Records handlers' protocol hook, answered by {@link ProtocolAuthorization} over one message store. */
public final class ProtocolRules implements ProtocolAuthorizer {
    private final MessageStore store;

    public ProtocolRules(MessageStore store) {
        this.store = store;
    }

    @Override
    public void validateReferentialIntegrity(String tenant, RecordsWrite write) {
        ProtocolAuthorization.validateReferentialIntegrity(tenant, write.message(), store);
    }

    @Override
    public void authorizeWrite(String tenant, RecordsWrite write) {
        ProtocolAuthorization.authorizeWrite(tenant, write, store);
    }

    @Override
    public void authorizeRead(String tenant, AuthoredMessage read, RecordsWrite newestWrite) {
        ProtocolAuthorization.authorizeRead(tenant, read, newestWrite.message(), store);
    }

    @Override
    public void authorizeQueryOrSubscribe(String tenant, AuthoredMessage message) {
        ProtocolAuthorization.authorizeQueryOrSubscribe(tenant, message, store);
    }

    @Override
    public void authorizeDelete(String tenant, AuthoredMessage delete, RecordsWrite initialWrite) {
        ProtocolAuthorization.authorizeDelete(tenant, delete, initialWrite.message(), store);
    }
}
