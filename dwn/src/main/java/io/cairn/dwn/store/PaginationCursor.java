package io.cairn.dwn.store;

/** dwn-sdk-js's {@code PaginationCursor}: the last returned message's CID and its sort-property value. */
public record PaginationCursor(String messageCid, Object value) {}
