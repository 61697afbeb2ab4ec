package io.cairn.dwn.store;

/** dwn-sdk-js's {@code SortDirection}: 1 ascending, -1 descending on the wire. */
public enum SortDirection {
    ASCENDING,
    DESCENDING
}
