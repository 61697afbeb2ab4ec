package io.cairn.dwn.client;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.jose.Signer;
import io.cairn.dwn.message.Timestamps;

/**
 * What every message builder shares: the timestamp (now, in the SDK's microsecond form, unless given) and
 * the optional authorization extras. A builder is used once per message; {@link #sign(Signer)} builds it.
 */
public abstract class MessageBuilder<B extends MessageBuilder<B>> {
    protected String messageTimestamp;
    protected String permissionGrantId;
    protected String protocolRole;
    protected ObjectNode delegatedGrant;

    /** The descriptor's {@code messageTimestamp} (ISO 8601 with microseconds, UTC). */
    public B messageTimestamp(String timestamp) {
        this.messageTimestamp = timestamp;
        return self();
    }

    /** Signs under a permission grant of the tenant (the grant's record ID). */
    public B permissionGrantId(String grantId) {
        this.permissionGrantId = grantId;
        return self();
    }

    /** Invokes a protocol role ({@code protocolPath} of a role record). */
    public B protocolRole(String role) {
        this.protocolRole = role;
        return self();
    }

    /** Signs as a delegate of the grant's grantor: the data-encoded RecordsWrite of the delegated grant. */
    public B delegatedGrant(ObjectNode grant) {
        this.delegatedGrant = grant;
        return self();
    }

    /**
     * The signed message, as the SDK's {@code create(...)} with this signer produces it; a null signer
     * gives an unsigned message where the SDK allows one (RecordsRead, RecordsQuery, RecordsSubscribe,
     * ProtocolsQuery: anonymous access to published records and protocols).
     */
    public abstract ObjectNode sign(Signer signer);

    /** {@code sign(null)}: an anonymous message. */
    public final ObjectNode unsigned() {
        return sign(null);
    }

    protected final String timestampOrNow() {
        if (messageTimestamp == null) messageTimestamp = Timestamps.now();
        return messageTimestamp;
    }

    protected static ObjectNode descriptor(String dwnInterface, String method) {
        return JsonNodeFactory.instance.objectNode().put("interface", dwnInterface).put("method", method);
    }

    protected static ObjectNode message(ObjectNode descriptor, ObjectNode authorization) {
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        message.set("descriptor", descriptor);
        if (authorization != null) message.set("authorization", authorization);
        return message;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
