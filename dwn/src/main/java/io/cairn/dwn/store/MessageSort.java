package io.cairn.dwn.store;

/**
 * The index property to sort by ({@code dateCreated}, {@code datePublished} or
 * {@code messageTimestamp}) and the direction; ties are broken by message CID, as in the SDK.
 */
public record MessageSort(String property, SortDirection direction) {
    public static final MessageSort DEFAULT = new MessageSort("messageTimestamp", SortDirection.ASCENDING);
}
