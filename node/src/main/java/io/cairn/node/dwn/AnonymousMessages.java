package io.cairn.node.dwn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.client.ProtocolsQueryBuilder;
import io.cairn.dwn.client.RecordsQueryBuilder;
import io.cairn.dwn.client.RecordsReadBuilder;
import io.cairn.dwn.message.JsText;
import io.cairn.dwn.schema.SchemaValidator;

/**
 * The unsigned messages dwn-server's GET routes build, as dwn-sdk-js's {@code create} builds them from
 * options that come from a URL (strings, arrays of strings, nested objects): the message now-stamped,
 * its filter normalized, then checked against the SDK's schema as {@code create} does. Whatever
 * {@code create} would throw becomes a {@link CreateFailure}.
 */
final class AnonymousMessages {
    private AnonymousMessages() {}

    /**
     * {@code create} threw. {@code asJson}: the error as Express's {@code res.send(error)} serializes it,
     * its enumerable properties: {@code {"code": …, "name": "DwnError"}} for the SDK's coded errors,
     * {@code {}} for a TypeError or a library's SyntaxError.
     */
    static final class CreateFailure extends RuntimeException {
        private final transient ObjectNode asJson;

        CreateFailure(String message, ObjectNode asJson) {
            super(message, null, false, false);
            this.asJson = asJson;
        }

        static CreateFailure of(DwnError e) {
            ObjectNode json = JsonNodeFactory.instance.objectNode();
            if (!e.code().isEmpty()) json.put("code", e.code()).put("name", "DwnError");
            return new CreateFailure(e.getMessage(), json);
        }

        static CreateFailure typeError(String message) {
            return new CreateFailure(message, JsonNodeFactory.instance.objectNode());
        }

        ObjectNode asJson() {
            return asJson;
        }
    }

    /** {@code RecordsRead.create({ filter: { recordId } })}. */
    static ObjectNode recordsRead(String recordId) {
        ObjectNode filter = JsonNodeFactory.instance.objectNode().put("recordId", recordId);
        return validated("RecordsRead", () -> new RecordsReadBuilder(filter).unsigned());
    }

    /** {@code ProtocolsQuery.create({ filter: { protocol } })}, or without a filter when {@code protocol} is null. */
    static ObjectNode protocolsQuery(String protocol) {
        return validated("ProtocolsQuery", () -> {
            ProtocolsQueryBuilder builder = new ProtocolsQueryBuilder();
            if (protocol != null) builder.protocol(protocol);
            return builder.unsigned();
        });
    }

    /**
     * {@code RecordsQuery.create({ filter, pagination, dateSort })}; null for an option not given. A
     * missing filter is the SDK's TypeError; a string or an array filter is spread into an object of
     * its indices, and a protocol or schema that is not a string is read as its JavaScript text, as
     * {@code Records.normalizeFilter} does with them.
     */
    static ObjectNode recordsQuery(JsonNode filter, JsonNode pagination, JsonNode dateSort) {
        if (filter == null) throw CreateFailure.typeError("Cannot read properties of undefined (reading 'protocol')");
        ObjectNode spread = spread(filter);
        for (String url : new String[] {"protocol", "schema"}) {
            JsonNode value = spread.get(url);
            if (value != null && !value.isTextual()) spread.put(url, JsText.of(value));
        }
        return validated("RecordsQuery", () -> {
            ObjectNode message = new RecordsQueryBuilder(spread).unsigned();
            ObjectNode descriptor = (ObjectNode) message.get("descriptor");
            if (dateSort != null) descriptor.set("dateSort", dateSort);
            if (pagination != null) descriptor.set("pagination", pagination);
            return message;
        });
    }

    /** {@code { ...value }}: an object copied, a string's characters or an array's items under their indices. */
    static ObjectNode spread(JsonNode value) {
        if (value.isObject()) return ((ObjectNode) value).deepCopy();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (value.isTextual()) {
            String text = value.textValue();
            for (int i = 0; i < text.length(); i++) out.put(Integer.toString(i), String.valueOf(text.charAt(i)));
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) out.set(Integer.toString(i), value.get(i).deepCopy());
        }
        return out;
    }

    private static ObjectNode validated(String schema, java.util.function.Supplier<ObjectNode> create) {
        try {
            ObjectNode message = create.get();
            SchemaValidator.sdk().validate(schema, message);
            return message;
        } catch (DwnError e) {
            throw CreateFailure.of(e);
        }
    }
}
