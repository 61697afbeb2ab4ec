package io.cairn.dwn.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.jose.Signer;

/** A RecordsQuery as dwn-sdk-js's {@code RecordsQuery.create}: a filter, optional date sort and pagination. */
public final class RecordsQueryBuilder extends MessageBuilder<RecordsQueryBuilder> {
    private final ObjectNode filter;
    private String dateSort;
    private ObjectNode pagination;

    /** {@code filter} is a RecordsFilter ({@code protocol} and {@code schema} are normalized). */
    public RecordsQueryBuilder(ObjectNode filter) {
        this.filter = filter.deepCopy();
    }

    /** {@code createdAscending}, {@code createdDescending}, {@code publishedAscending} or {@code publishedDescending}. */
    public RecordsQueryBuilder dateSort(String dateSort) {
        this.dateSort = dateSort;
        return this;
    }

    /** {@code {limit?, cursor?: {messageCid, value}}}. */
    public RecordsQueryBuilder pagination(ObjectNode pagination) {
        this.pagination = pagination.deepCopy();
        return this;
    }

    @Override
    public ObjectNode sign(Signer signer) {
        if (filter.path("published").isBoolean() && !filter.get("published").asBoolean()
                && dateSort != null && dateSort.startsWith("published")) {
            throw new DwnError("RecordsQueryCreateFilterPublishedSortInvalid",
                    "queries must not filter for `published:false` and sort by " + dateSort);
        }
        ObjectNode descriptor = descriptor("Records", "Query");
        descriptor.put("messageTimestamp", timestampOrNow());
        descriptor.set("filter", RecordsFilters.normalize(filter));
        if (dateSort != null) descriptor.put("dateSort", dateSort);
        if (pagination != null) descriptor.set("pagination", pagination);
        return message(descriptor, Authorizations.create(descriptor, signer, delegatedGrant, null, protocolRole));
    }
}
