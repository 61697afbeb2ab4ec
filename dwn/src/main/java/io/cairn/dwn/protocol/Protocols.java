package io.cairn.dwn.protocol;

import io.cairn.dwn.Dwn;
import io.cairn.dwn.store.MessageStore;

/** Installs the Protocols interface, protocol-based and grant-based authorization and the permissions protocol in a DWN. */
public final class Protocols {
    private Protocols() {}

    /** @param messageStore the store the builder was given */
    public static Dwn.Builder install(Dwn.Builder builder, MessageStore messageStore) {
        return builder
                .handler("ProtocolsConfigure", ProtocolsConfigureHandler::new)
                .handler("ProtocolsQuery", ProtocolsQueryHandler::new)
                .protocolAuthorizer(ProtocolRules::new)
                .grantAuthorizer(PermissionGrants::new)
                .coreRecords(new PermissionRecords(messageStore));
    }
}
