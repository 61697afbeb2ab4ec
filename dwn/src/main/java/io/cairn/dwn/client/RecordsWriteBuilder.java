package io.cairn.dwn.client;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.jose.Signer;
import io.cairn.dwn.message.Cids;
import io.cairn.dwn.message.Messages;
import io.cairn.dwn.message.RecordsWrite;
import io.cairn.dwn.message.Timestamps;
import io.cairn.dwn.protocol.ProtocolUrls;
import io.cairn.dwn.store.DataCidComputer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A RecordsWrite as dwn-sdk-js's {@code RecordsWrite.create}: the data's CID and size (or both given for
 * data sent elsewhere), the record ID derived from the author and descriptor, the context ID for protocol
 * records, attestations, and the author's signature. Data of at most {@link Cids#UNIXFS_CHUNK_SIZE} bytes
 * is one raw UnixFS leaf, whose CID needs nothing more; larger data needs a {@link DataCidComputer}
 * (the storage module's UnixFS importer). Encryption is not supported.
 */
public final class RecordsWriteBuilder extends MessageBuilder<RecordsWriteBuilder> {
    private final DataCidComputer dataCidComputer;
    private byte[] data;
    private String dataCid;
    private Long dataSize;
    private String dataFormat;
    private String protocol;
    private String protocolPath;
    private String recipient;
    private String schema;
    private ObjectNode tags;
    private String parentContextId;
    private String recordId;
    private String dateCreated;
    private Boolean published;
    private String datePublished;
    private final List<Signer> attesters = new ArrayList<>();

    /** A builder for data up to one UnixFS chunk, or for a given data CID. */
    public RecordsWriteBuilder() {
        this(null);
    }

    public RecordsWriteBuilder(DataCidComputer dataCidComputer) {
        this.dataCidComputer = dataCidComputer;
    }

    public RecordsWriteBuilder data(byte[] data) {
        this.data = data.clone();
        return this;
    }

    /** For data not given to the builder: its UnixFS CID and size. */
    public RecordsWriteBuilder dataCid(String dataCid, long dataSize) {
        this.dataCid = dataCid;
        this.dataSize = dataSize;
        return this;
    }

    public RecordsWriteBuilder dataFormat(String dataFormat) {
        this.dataFormat = dataFormat;
        return this;
    }

    public RecordsWriteBuilder protocol(String protocol, String protocolPath) {
        this.protocol = protocol;
        this.protocolPath = protocolPath;
        return this;
    }

    public RecordsWriteBuilder recipient(String recipient) {
        this.recipient = recipient;
        return this;
    }

    public RecordsWriteBuilder schema(String schema) {
        this.schema = schema;
        return this;
    }

    /** Tags: an object of strings, numbers, booleans or arrays of strings or numbers. */
    public RecordsWriteBuilder tags(ObjectNode tags) {
        this.tags = tags.deepCopy();
        return this;
    }

    /** The parent record's context ID (a protocol record below a root); the parent ID is its last segment. */
    public RecordsWriteBuilder parentContextId(String parentContextId) {
        this.parentContextId = parentContextId;
        return this;
    }

    /** The record ID of an existing record (an update); new records get theirs from author and descriptor. */
    public RecordsWriteBuilder recordId(String recordId) {
        this.recordId = recordId;
        return this;
    }

    /** Defaults to now, as in the SDK (not to a given messageTimestamp). */
    public RecordsWriteBuilder dateCreated(String dateCreated) {
        this.dateCreated = dateCreated;
        return this;
    }

    /** Published; the publication date is now (as in the SDK, even with a given messageTimestamp) unless {@link #datePublished} is given. */
    public RecordsWriteBuilder published(boolean published) {
        this.published = published;
        return this;
    }

    public RecordsWriteBuilder datePublished(String datePublished) {
        this.datePublished = datePublished;
        return this;
    }

    public RecordsWriteBuilder attester(Signer attester) {
        attesters.add(attester);
        return this;
    }

    @Override
    public ObjectNode sign(Signer signer) {
        checkOptions();
        String cid = dataCid != null ? dataCid : computeDataCid(data);
        long size = dataSize != null ? dataSize : data.length;
        String currentTime = Timestamps.now();
        String timestamp = messageTimestamp != null ? messageTimestamp : currentTime;

        ObjectNode descriptor = descriptor("Records", "Write");
        if (protocol != null) descriptor.put("protocol", ProtocolUrls.normalize(protocol));
        if (protocolPath != null) descriptor.put("protocolPath", protocolPath);
        if (recipient != null) descriptor.put("recipient", recipient);
        if (schema != null) descriptor.put("schema", ProtocolUrls.normalize(schema));
        if (tags != null) descriptor.set("tags", tags);
        String parentId = parentIdOf(parentContextId);
        if (parentId != null) descriptor.put("parentId", parentId);
        descriptor.put("dataCid", cid);
        descriptor.put("dataSize", size);
        descriptor.put("dateCreated", dateCreated != null ? dateCreated : currentTime);
        descriptor.put("messageTimestamp", timestamp);
        if (published != null) descriptor.put("published", published);
        if (datePublished != null) descriptor.put("datePublished", datePublished);
        else if (Boolean.TRUE.equals(published)) descriptor.put("datePublished", currentTime); // the SDK's choice: now, not messageTimestamp
        if (dataFormat != null) descriptor.put("dataFormat", dataFormat);

        String author = delegatedGrant != null
                ? Messages.signer(delegatedGrant)
                : signer.keyId().split("#", -1)[0]; // Jws.extractDid
        String id = recordId != null ? recordId : RecordsWrite.entryId(author, descriptor);
        String contextId = null;
        if (protocol != null) {
            contextId = parentContextId == null || parentContextId.isEmpty() ? id : parentContextId + "/" + id;
        }
        ObjectNode attestation = attesters.isEmpty() ? null
                : Authorizations.sign(Authorizations.descriptorCidPayload(descriptor), attesters.toArray(Signer[]::new));

        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("recordId", id);
        payload.put("descriptorCid", Cids.computeCid(descriptor));
        if (contextId != null) payload.put("contextId", contextId);
        if (attestation != null) payload.put("attestationCid", Cids.computeCid(attestation));
        if (delegatedGrant != null) payload.put("delegatedGrantId", Messages.cid(delegatedGrant));
        if (permissionGrantId != null) payload.put("permissionGrantId", permissionGrantId);
        if (protocolRole != null) payload.put("protocolRole", protocolRole);

        ObjectNode message = JsonNodeFactory.instance.objectNode();
        message.put("recordId", id);
        if (contextId != null) message.put("contextId", contextId);
        message.set("descriptor", descriptor);
        if (attestation != null) message.set("attestation", attestation);
        ObjectNode authorization = message.putObject("authorization");
        authorization.set("signature", Authorizations.sign(payload, signer));
        if (delegatedGrant != null) authorization.set("authorDelegatedGrant", delegatedGrant);
        return message;
    }

    /**
     * {@code recordsWrite.signAsOwner(signer)}: adds the owner's signature over the descriptor to a signed
     * RecordsWrite (a copy is returned), so the owner keeps a record another author wrote.
     */
    public static ObjectNode signAsOwner(ObjectNode recordsWrite, Signer owner) {
        if (!recordsWrite.path("authorization").has("signature")) {
            throw new DwnError("RecordsWriteSignAsOwnerUnknownAuthor",
                    "Unable to sign as owner without message signature because owner needs to sign over `recordId` which depends on author DID.");
        }
        ObjectNode copy = recordsWrite.deepCopy();
        ObjectNode descriptor = (ObjectNode) copy.get("descriptor");
        ((ObjectNode) copy.get("authorization")).set("ownerSignature", Authorizations.sign(Authorizations.descriptorCidPayload(descriptor), owner));
        return copy;
    }

    private void checkOptions() {
        if ((protocol == null) != (protocolPath == null)) {
            throw new DwnError("RecordsWriteCreateProtocolAndProtocolPathMutuallyInclusive",
                    "`protocol` and `protocolPath` must both be defined or undefined at the same time");
        }
        if ((data == null) == (dataCid == null)) {
            throw new DwnError("RecordsWriteCreateDataAndDataCidMutuallyExclusive",
                    "one and only one parameter between `data` and `dataCid` is required");
        }
    }

    private String computeDataCid(byte[] bytes) {
        if (bytes.length <= Cids.UNIXFS_CHUNK_SIZE) return Cids.rawLeafCid(bytes);
        if (dataCidComputer == null) {
            throw new DwnError("RecordsWriteBuilderNeedsDataCidComputer",
                    "data of " + bytes.length + " bytes spans several UnixFS chunks: build with a DataCidComputer or give dataCid");
        }
        try {
            return dataCidComputer.computeCid(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String parentIdOf(String contextId) {
        if (contextId == null) return null;
        String last = null;
        for (String segment : contextId.split("/")) if (!segment.isEmpty()) last = segment;
        return last;
    }
}
