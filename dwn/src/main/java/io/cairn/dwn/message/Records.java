package io.cairn.dwn.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.store.FilterValue;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The SDK's {@code Records} utilities: filter conversion, visibility rules, delegated-grant checks. */
public final class Records {
    /** Records whose {@code dataSize} is at most this keep their data inline ({@code encodedData}) in the message store. */
    public static final long MAX_DATA_SIZE_ALLOWED_TO_BE_ENCODED = 30_000;

    private Records() {}

    /** {@code Records.convertFilter}: a RecordsFilter (wire JSON) as message-store conditions. */
    public static Map<String, FilterValue> convertFilter(JsonNode filter, String dateSort) {
        Map<String, FilterValue> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = filter.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("tags")) {
                out.put(e.getKey(), filterValue(e.getValue()));
            }
        }
        JsonNode tags = filter.get("tags");
        if (tags != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = tags.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode value = e.getValue();
                boolean startsWith = value.isObject() && value.path("startsWith").isTextual();
                out.put("tag." + e.getKey(), startsWith ? prefixRange(value.get("startsWith").asText()) : filterValue(value));
            }
        }
        FilterValue.Range dateCreated = rangeCriterion(filter.get("dateCreated"));
        if (dateCreated != null) {
            out.put("dateCreated", dateCreated);
        }
        FilterValue.Range datePublished = rangeCriterion(filter.get("datePublished"));
        if (datePublished != null) {
            out.put("published", new FilterValue.Equal(true));
            out.put("datePublished", datePublished);
        }
        boolean publishedTrue = out.get("published") instanceof FilterValue.Equal eq && Boolean.TRUE.equals(eq.value());
        if (!publishedTrue && ("publishedAscending".equals(dateSort) || "publishedDescending".equals(dateSort))) {
            out.put("published", new FilterValue.Equal(true));
        }
        FilterValue.Range dateUpdated = rangeCriterion(filter.get("dateUpdated"));
        if (dateUpdated != null) {
            out.put("messageTimestamp", dateUpdated);
            out.remove("dateUpdated");
        }
        JsonNode contextId = filter.get("contextId");
        if (contextId != null && contextId.isTextual() && !contextId.asText().isEmpty()) {
            out.put("contextId", prefixRange(contextId.asText()));
        }
        for (String list : List.of("author", "recipient")) {
            if (out.get(list) instanceof FilterValue.OneOf oneOf && oneOf.values().isEmpty()) {
                out.remove(list);
            }
        }
        return out;
    }

    /** A wire filter value: a primitive is an equality, an array one-of, an object a range. */
    public static FilterValue filterValue(JsonNode value) {
        if (value.isArray()) {
            List<Object> values = new ArrayList<>();
            value.forEach(v -> values.add(indexValue(v)));
            return new FilterValue.OneOf(values);
        }
        if (value.isObject()) {
            return new FilterValue.Range(bound(value, "gt"), bound(value, "gte"), bound(value, "lt"), bound(value, "lte"));
        }
        return new FilterValue.Equal(indexValue(value));
    }

    /** A JSON primitive as an index value: String, Boolean, Long (safe integers) or Double. */
    public static Object indexValue(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isNumber()) {
            return Cids.toCborValue(value);
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        throw new IllegalArgumentException("not an index value: " + value);
    }

    private static Object bound(JsonNode range, String name) {
        JsonNode value = range.get(name);
        return value == null ? null : indexValue(value);
    }

    /** {@code FilterUtility.convertRangeCriterion}: {from, to} as {gte, lt}; null when neither is given or no criterion. */
    static FilterValue.Range rangeCriterion(JsonNode criterion) {
        if (criterion == null || !criterion.isObject()) {
            return null;
        }
        Object from = bound(criterion, "from");
        Object to = bound(criterion, "to");
        if (from == null && to == null) {
            return null;
        }
        return new FilterValue.Range(null, from, to, null);
    }

    public static FilterValue.Range prefixRange(String prefix) {
        return new FilterValue.Range(null, prefix, prefix + "\uffff", null);
    }

    public static boolean filterIncludesPublishedRecords(JsonNode filter) {
        return filter.has("datePublished") || !isFalse(filter.get("published"));
    }

    public static boolean filterIncludesUnpublishedRecords(JsonNode filter) {
        if (!filter.has("datePublished") && !filter.has("published")) {
            return true;
        }
        return isFalse(filter.get("published"));
    }

    /** Whether the filter's {@code author} (or {@code recipient}) admits the given DID. */
    public static boolean filterAdmits(JsonNode filter, String property, String did) {
        JsonNode value = filter.get(property);
        if (value == null) {
            return true;
        }
        if (value.isArray()) {
            if (value.isEmpty()) {
                return true;
            }
            for (JsonNode v : value) {
                if (v.isTextual() && v.asText().equals(did)) {
                    return true;
                }
            }
            return false;
        }
        return value.isTextual() && value.asText().equals(did);
    }

    /** {@code Records.canPerformDeleteAgainstRecord}. */
    public static boolean canPerformDeleteAgainstRecord(JsonNode delete, JsonNode newestExisting) {
        if (newestExisting == null) {
            return false;
        }
        if ("Delete".equals(Messages.method(newestExisting))) {
            if (!isTrue(delete.path("descriptor").get("prune"))) {
                return false;
            }
            return !isTrue(newestExisting.path("descriptor").get("prune"));
        }
        return true;
    }

    /**
     * {@code Records.validateDelegatedGrantReferentialIntegrity}: a delegated grant is attached exactly when
     * the signature payload names it, it is a delegated grant, granted to the signer, and its CID matches.
     */
    public static void validateDelegatedGrantReferentialIntegrity(ObjectNode message, JsonNode authorPayload, JsonNode ownerPayload) {
        JsonNode authorization = message.path("authorization");
        boolean authorIdDefined = authorPayload != null && authorPayload.has("delegatedGrantId");
        boolean authorGrantDefined = authorization.has("authorDelegatedGrant");
        if (authorIdDefined != authorGrantDefined) {
            throw new DwnError("RecordsAuthorDelegatedGrantAndIdExistenceMismatch",
                "delegatedGrantId in message (author) signature and authorDelegatedGrant must both exist or be undefined."
                    + "          delegatedGrantId in message (author) signature defined: " + authorIdDefined
                    + ",          authorDelegatedGrant defined: " + authorGrantDefined);
        }
        if (authorGrantDefined) {
            ObjectNode grantMessage = (ObjectNode) authorization.get("authorDelegatedGrant");
            PermissionGrant grant = PermissionGrant.parse(grantMessage);
            if (!grant.delegated()) {
                throw new DwnError("RecordsAuthorDelegatedGrantNotADelegatedGrant", "The owner delegated grant given is not a delegated grant.");
            }
            String grantedTo = Messages.textOrNull(grantMessage.path("descriptor").get("recipient"));
            String signer = Messages.signer(message);
            if (!java.util.Objects.equals(grantedTo, signer)) {
                throw new DwnError("RecordsAuthorDelegatedGrantGrantedToAndOwnerSignatureMismatch",
                    "grantedTo " + JsText.of(grantedTo) + " in author delegated grant must be the same as the signer "
                        + JsText.of(signer) + " of the message signature.");
            }
            String grantCid = Messages.cid(grantMessage);
            String claimed = Messages.textOrNull(authorPayload.get("delegatedGrantId"));
            if (!grantCid.equals(claimed)) {
                throw new DwnError("RecordsAuthorDelegatedGrantCidMismatch",
                    "CID of the author delegated grant " + grantCid + " must be the same as"
                        + "           the delegatedGrantId " + JsText.of(claimed) + " in the message signature.");
            }
        }
        boolean ownerIdDefined = ownerPayload != null && ownerPayload.has("delegatedGrantId");
        boolean ownerGrantDefined = authorization.has("ownerDelegatedGrant");
        if (ownerIdDefined != ownerGrantDefined) {
            throw new DwnError("RecordsOwnerDelegatedGrantAndIdExistenceMismatch",
                "delegatedGrantId in owner signature and ownerDelegatedGrant must both exist or be undefined."
                    + "          delegatedGrantId in owner signature defined: " + ownerIdDefined
                    + ",          ownerDelegatedGrant defined: " + ownerGrantDefined);
        }
        if (ownerGrantDefined) {
            ObjectNode grantMessage = (ObjectNode) authorization.get("ownerDelegatedGrant");
            PermissionGrant grant = PermissionGrant.parse(grantMessage);
            if (!grant.delegated()) {
                throw new DwnError("RecordsOwnerDelegatedGrantNotADelegatedGrant", "The owner delegated grant given is not a delegated grant.");
            }
            String grantedTo = Messages.textOrNull(grantMessage.path("descriptor").get("recipient"));
            String signer = Jws.signerDid(authorization.path("ownerSignature").path("signatures").path(0));
            if (!java.util.Objects.equals(grantedTo, signer)) {
                throw new DwnError("RecordsOwnerDelegatedGrantGrantedToAndOwnerSignatureMismatch",
                    "grantedTo " + JsText.of(grantedTo) + " in owner delegated grant must be the same as the signer "
                        + JsText.of(signer) + " of the owner signature.");
            }
            String grantCid = Messages.cid(grantMessage);
            String claimed = Messages.textOrNull(ownerPayload.get("delegatedGrantId"));
            if (!grantCid.equals(claimed)) {
                throw new DwnError("RecordsOwnerDelegatedGrantCidMismatch",
                    "CID of the owner delegated grant " + grantCid + " must be the same as"
                        + "           the delegatedGrantId " + JsText.of(claimed) + " in the owner signature.");
            }
        }
    }

    static boolean isTrue(JsonNode node) {
        return node != null && node.isBoolean() && node.booleanValue();
    }

    static boolean isFalse(JsonNode node) {
        return node != null && node.isBoolean() && !node.booleanValue();
    }
}
