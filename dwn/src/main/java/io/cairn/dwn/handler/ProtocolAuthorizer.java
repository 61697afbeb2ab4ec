package io.cairn.dwn.handler;

import io.cairn.dwn.DwnError;
import io.cairn.dwn.message.AuthoredMessage;
import io.cairn.dwn.message.RecordsWrite;
import io.cairn.dwn.store.Filter;
import io.cairn.dwn.store.FilterValue;
import io.cairn.dwn.store.MessageStore;
import java.util.List;
import java.util.Map;

/**
 * Protocol-based authorization of Records messages (the SDK's {@code ProtocolAuthorization}); the
 * protocols module implements it. {@link #withoutProtocols(MessageStore)} is the behaviour of a DWN on
 * which no protocol can be configured: every protocol lookup fails as the SDK's does when the protocol
 * is not installed.
 */
public interface ProtocolAuthorizer {
    void validateReferentialIntegrity(String tenant, RecordsWrite write);

    void authorizeWrite(String tenant, RecordsWrite write);

    void authorizeRead(String tenant, AuthoredMessage read, RecordsWrite newestWrite);

    /** {@code message} is a RecordsQuery or RecordsSubscribe whose signature payload names a protocolRole. */
    void authorizeQueryOrSubscribe(String tenant, AuthoredMessage message);

    void authorizeDelete(String tenant, AuthoredMessage delete, RecordsWrite initialWrite);

    static ProtocolAuthorizer withoutProtocols(MessageStore messageStore) {
        return new ProtocolAuthorizer() {
            @Override
            public void validateReferentialIntegrity(String tenant, RecordsWrite write) {
                fail(tenant, write.descriptor().path("protocol").asText());
            }

            @Override
            public void authorizeWrite(String tenant, RecordsWrite write) {
                fail(tenant, write.descriptor().path("protocol").asText());
            }

            @Override
            public void authorizeRead(String tenant, AuthoredMessage read, RecordsWrite newestWrite) {
                fail(tenant, newestWrite.descriptor().path("protocol").asText());
            }

            @Override
            public void authorizeQueryOrSubscribe(String tenant, AuthoredMessage message) {
                fail(tenant, message.descriptor().path("filter").path("protocol").asText());
            }

            @Override
            public void authorizeDelete(String tenant, AuthoredMessage delete, RecordsWrite initialWrite) {
                fail(tenant, initialWrite.descriptor().path("protocol").asText());
            }

            private void fail(String tenant, String protocol) {
                Filter configured = new Filter(Map.of("interface", new FilterValue.Equal("Protocols"),
                    "method", new FilterValue.Equal("Configure"), "protocol", new FilterValue.Equal(protocol)));
                if (messageStore.query(tenant, List.of(configured), null, null).messages().isEmpty()) {
                    throw new DwnError("ProtocolAuthorizationProtocolNotFound", "unable to find protocol definition for " + protocol);
                }
                throw new DwnError("ProtocolAuthorizationNotAvailable", "protocol-based authorization is not installed in this DWN");
            }
        };
    }
}
