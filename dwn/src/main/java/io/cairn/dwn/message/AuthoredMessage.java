package io.cairn.dwn.message;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A parsed message and who stands behind it, as the SDK's {@code AbstractMessage}: the signer of
 * {@code authorization.signature}, the logical author (the grantor when an author-delegated grant is
 * attached) and the decoded signature payload; all null for an unsigned message.
 */
public class AuthoredMessage {
    private final ObjectNode message;
    private final String signer;
    private final String author;
    private final ObjectNode signaturePayload;

    public AuthoredMessage(ObjectNode message) {
        this.message = message;
        if (message.has("authorization")) {
            this.signer = Messages.signer(message);
            this.author = Messages.author(message);
            this.signaturePayload = Jws.decodePlainObjectPayload(message.path("authorization").path("signature"));
        } else {
            this.signer = null;
            this.author = null;
            this.signaturePayload = null;
        }
    }

    public ObjectNode message() {
        return message;
    }

    public ObjectNode descriptor() {
        return (ObjectNode) message.get("descriptor");
    }

    public String signer() {
        return signer;
    }

    public String author() {
        return author;
    }

    public ObjectNode signaturePayload() {
        return signaturePayload;
    }

    public boolean isSignedByAuthorDelegate() {
        return Messages.isSignedByAuthorDelegate(message);
    }

    /** The signature payload's string property, or null. */
    public String payloadText(String property) {
        return signaturePayload == null ? null : Messages.textOrNull(signaturePayload.get(property));
    }
}
