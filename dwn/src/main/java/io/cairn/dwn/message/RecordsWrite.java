package io.cairn.dwn.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.store.KeyValues;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A RecordsWrite parsed and checked as the SDK's {@code RecordsWrite.parse} does (signature structure,
 * owner signature, attestation, integrity of recordId, contextId, attestation and encryption CIDs,
 * normalized URLs, timestamps), with its author, owner and attesters.
 */
public final class RecordsWrite extends AuthoredMessage {
    private static final Set<String> MUTABLE_DESCRIPTOR_PROPERTIES =
        Set.of("dataCid", "dataSize", "dataFormat", "datePublished", "published", "messageTimestamp", "tags");

    private final String owner;
    private final ObjectNode ownerSignaturePayload;
    private final List<String> attesters;
    private String entryId;

    private RecordsWrite(ObjectNode message) {
        super(message);
        JsonNode authorization = message.path("authorization");
        if (authorization.has("ownerSignature")) {
            this.owner = authorization.has("ownerDelegatedGrant")
                ? Messages.signer(authorization.get("ownerDelegatedGrant"))
                : Jws.signerDid(authorization.path("ownerSignature").path("signatures").path(0));
            this.ownerSignaturePayload = Jws.decodePlainObjectPayload(authorization.get("ownerSignature"));
        } else {
            this.owner = null;
            this.ownerSignaturePayload = null;
        }
        List<String> found = new ArrayList<>();
        message.path("attestation").path("signatures").forEach(entry -> found.add(Jws.signerDid(entry)));
        this.attesters = List.copyOf(found);
    }

    /** Parses a copy of the message; throws the SDK's DwnError for the first failed check. */
    public static RecordsWrite parse(ObjectNode raw) {
        ObjectNode message = raw.deepCopy();
        JsonNode descriptor = message.path("descriptor");
        JsonNode authorization = message.path("authorization");
        Messages.validateSignatureStructure(authorization.get("signature"), descriptor, "RecordsWriteSignaturePayload");
        if (authorization.has("ownerSignature")) {
            Messages.validateSignatureStructure(authorization.get("ownerSignature"), descriptor);
        }
        validateAttestationIntegrity(message);
        RecordsWrite write = new RecordsWrite(message);
        write.validateIntegrity();
        return write;
    }

    public String owner() {
        return owner;
    }

    public ObjectNode ownerSignaturePayload() {
        return ownerSignaturePayload;
    }

    public List<String> attesters() {
        return attesters;
    }

    public String recordId() {
        return Messages.textOrNull(message().get("recordId"));
    }

    public String contextId() {
        return Messages.textOrNull(message().get("contextId"));
    }

    /** The signer of the owner signature (who may be a delegate of the owner); null without one. */
    public String ownerSignatureSigner() {
        JsonNode ownerSignature = message().path("authorization").get("ownerSignature");
        return ownerSignature == null ? null : Jws.signerDid(ownerSignature.path("signatures").path(0));
    }

    public boolean isSignedByOwnerDelegate() {
        return Messages.isSignedByOwnerDelegate(message());
    }

    public String entryId() {
        if (entryId == null) {
            entryId = entryId(author(), descriptor());
        }
        return entryId;
    }

    /** {@code RecordsWrite.getEntryId}: the CID of the descriptor with the author added. */
    public static String entryId(String author, JsonNode descriptor) {
        if (author == null) {
            throw new DwnError("RecordsWriteGetEntryIdUndefinedAuthor", "Property `author` is needed to compute entry ID.");
        }
        ObjectNode input = ((ObjectNode) descriptor).deepCopy();
        input.put("author", author);
        return Cids.computeCid(input);
    }

    public boolean isInitialWrite() {
        return entryId().equals(recordId());
    }

    /** {@code RecordsWrite.isInitialWrite(message)} for any stored message. */
    public static boolean isInitialWrite(JsonNode message) {
        if (!Messages.isRecordsWrite(message)) {
            return false;
        }
        return entryId(Messages.author(message), message.get("descriptor")).equals(Messages.textOrNull(message.get("recordId")));
    }

    public static ObjectNode initialWrite(List<ObjectNode> messages) {
        for (ObjectNode message : messages) {
            if (isInitialWrite(message)) {
                return message;
            }
        }
        throw new DwnError("RecordsWriteGetInitialWriteNotFound", "Initial write is not found.");
    }

    /** {@code RecordsWrite.verifyEqualityOfImmutableProperties}. */
    public static void verifyEqualityOfImmutableProperties(JsonNode existing, JsonNode incoming) {
        Set<String> names = new LinkedHashSet<>();
        names.addAll(io.cairn.dwn.schema.JsValues.keys(existing.get("descriptor")));
        names.addAll(io.cairn.dwn.schema.JsValues.keys(incoming.get("descriptor")));
        for (String name : names) {
            if (MUTABLE_DESCRIPTOR_PROPERTIES.contains(name)) {
                continue;
            }
            JsonNode before = existing.get("descriptor").get(name);
            JsonNode after = incoming.get("descriptor").get(name);
            if (!strictEquals(before, after)) {
                throw new DwnError("RecordsWriteImmutablePropertyChanged",
                    name + " is an immutable property: cannot change '" + JsText.of(before) + "' to '" + JsText.of(after) + "'");
            }
        }
    }

    /** JavaScript's {@code !==} negated: primitives by value, objects only by identity (so two objects are never equal). */
    private static boolean strictEquals(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == null && b == null;
        }
        if (a.isContainerNode() || b.isContainerNode()) {
            return false;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.asDouble() == b.asDouble();
        }
        return a.equals(b);
    }

    /** {@code constructIndexes(isLatestBaseState)}: the message-store indexes of this write. */
    public KeyValues constructIndexes(boolean isLatestBaseState) {
        Map<String, Object> indexes = new LinkedHashMap<>();
        ObjectNode descriptor = descriptor();
        for (Iterator<Map.Entry<String, JsonNode>> it = descriptor.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("tags") && !e.getKey().equals("published")) {
                indexes.put(e.getKey(), Records.indexValue(e.getValue()));
            }
        }
        indexes.put("isLatestBaseState", isLatestBaseState);
        indexes.put("published", Records.isTrue(descriptor.get("published")));
        indexes.put("author", author());
        indexes.put("recordId", recordId());
        indexes.put("entryId", entryId());
        JsonNode tags = descriptor.get("tags");
        if (tags != null && isLatestBaseState) {
            for (Iterator<Map.Entry<String, JsonNode>> it = tags.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isArray()) {
                    List<Object> values = new ArrayList<>();
                    e.getValue().forEach(v -> values.add(Records.indexValue(v)));
                    indexes.put("tag." + e.getKey(), values);
                } else {
                    indexes.put("tag." + e.getKey(), Records.indexValue(e.getValue()));
                }
            }
        }
        if (!attesters.isEmpty()) {
            indexes.put("attester", attesters.get(0));
        }
        if (contextId() != null) {
            indexes.put("contextId", contextId());
        }
        return new KeyValues(indexes);
    }

    private static void validateAttestationIntegrity(ObjectNode message) {
        JsonNode attestation = message.get("attestation");
        if (attestation == null) {
            return;
        }
        if (!attestation.has("signatures")) {
            throw JsErrors.cannotReadUndefined("length");
        }
        int signatures = attestation.path("signatures").size();
        if (signatures != 1) {
            throw new DwnError("RecordsWriteAttestationIntegrityMoreThanOneSignature",
                "Currently implementation only supports 1 attester, but got " + signatures);
        }
        ObjectNode payload = Jws.decodePlainObjectPayload(attestation);
        String descriptorCid = Messages.textOrNull(payload.get("descriptorCid"));
        String expected = Cids.computeCid(message.get("descriptor"));
        if (!expected.equals(descriptorCid)) {
            throw new DwnError("RecordsWriteAttestationIntegrityDescriptorCidMismatch",
                "descriptorCid " + JsText.of(descriptorCid) + " does not match expected descriptorCid " + expected);
        }
        if (payload.size() > 1) {
            throw new DwnError("RecordsWriteAttestationIntegrityInvalidPayloadProperty",
                "Only 'descriptorCid' is allowed in attestation payload, but got " + payload.size() + " properties.");
        }
    }

    private void validateIntegrity() {
        ObjectNode descriptor = descriptor();
        if (isInitialWrite()) {
            String dateCreated = Messages.textOrNull(descriptor.get("dateCreated"));
            String messageTimestamp = Messages.textOrNull(descriptor.get("messageTimestamp"));
            if (!Objects.equals(messageTimestamp, dateCreated)) {
                throw new DwnError("RecordsWriteValidateIntegrityDateCreatedMismatch",
                    "messageTimestamp " + messageTimestamp + " must match dateCreated " + dateCreated + " for the initial write");
            }
            if (descriptor.has("protocol") && !descriptor.has("parentId")) {
                String expectedContextId = entryId();
                if (!expectedContextId.equals(contextId())) {
                    throw new DwnError("RecordsWriteValidateIntegrityContextIdMismatch",
                        "contextId in message: " + JsText.of(contextId()) + " does not match deterministic contextId: " + expectedContextId);
                }
            }
        }
        ObjectNode payload = signaturePayload();
        String payloadRecordId = Messages.textOrNull(payload.get("recordId"));
        if (!Objects.equals(recordId(), payloadRecordId)) {
            throw new DwnError("RecordsWriteValidateIntegrityRecordIdUnauthorized",
                "recordId in message " + JsText.of(recordId()) + " does not match recordId in authorization: " + JsText.of(payloadRecordId));
        }
        String payloadContextId = Messages.textOrNull(payload.get("contextId"));
        if (!Objects.equals(contextId(), payloadContextId)) {
            throw new DwnError("RecordsWriteValidateIntegrityContextIdNotInSignerSignaturePayload",
                "contextId in message " + JsText.of(contextId()) + " does not match contextId in authorization: " + JsText.of(payloadContextId));
        }
        Records.validateDelegatedGrantReferentialIntegrity(message(), payload, ownerSignaturePayload);
        if (payload.has("attestationCid")) {
            String expected = cidOrUndefined(message().get("attestation"));
            String actual = payload.get("attestationCid").asText();
            if (!actual.equals(expected)) {
                throw new DwnError("RecordsWriteValidateIntegrityAttestationMismatch",
                    "CID " + expected + " of attestation property in message does not match attestationCid in authorization: " + actual);
            }
        }
        if (payload.has("encryptionCid")) {
            String expected = cidOrUndefined(message().get("encryption"));
            String actual = payload.get("encryptionCid").asText();
            if (!actual.equals(expected)) {
                throw new DwnError("RecordsWriteValidateIntegrityEncryptionCidMismatch",
                    "CID " + expected + " of encryption property in message does not match encryptionCid in authorization: " + actual);
            }
        }
        if (descriptor.has("protocol")) {
            io.cairn.dwn.protocol.ProtocolUrls.validateProtocolNormalized(descriptor.get("protocol").asText());
        }
        if (descriptor.has("schema")) {
            io.cairn.dwn.protocol.ProtocolUrls.validateSchemaNormalized(descriptor.get("schema").asText());
        }
        Timestamps.validate(descriptor.path("messageTimestamp").asText());
        Timestamps.validate(descriptor.path("dateCreated").asText());
        if (descriptor.has("datePublished")) {
            Timestamps.validate(descriptor.get("datePublished").asText());
        }
    }

    private static String cidOrUndefined(JsonNode value) {
        if (value == null) {
            // dag-cbor cannot encode undefined: the SDK fails inside the encoder
            throw new io.cairn.dwn.JsError("`undefined` is not supported by the IPLD Data Model and cannot be encoded");
        }
        return Cids.computeCid(value);
    }
}
