package io.cairn.dwn.store;

/** Where a page starts (after {@code cursor}, or at the beginning when null) and how many it holds (null: all). */
public record Pagination(PaginationCursor cursor, Integer limit) {
    public static final Pagination ALL = new Pagination(null, null);
}
