package io.cairn.dwn.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.protocol.ProtocolUrls;

/** dwn-sdk-js's {@code Records.normalizeFilter}: the filter's protocol and schema URLs normalized. */
final class RecordsFilters {
    private RecordsFilters() {}

    static ObjectNode normalize(ObjectNode filter) {
        ObjectNode copy = filter.deepCopy();
        for (String url : new String[] {"protocol", "schema"}) {
            if (copy.hasNonNull(url)) copy.put(url, ProtocolUrls.normalize(copy.get(url).asText()));
        }
        return copy;
    }
}
