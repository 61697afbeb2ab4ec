package io.cairn.dwn.protocol;

/** The actions a protocol action rule's {@code can} lists, by their wire names. */
public enum ProtocolAction {
    CO_DELETE("co-delete"),
    CO_PRUNE("co-prune"),
    CO_UPDATE("co-update"),
    CREATE("create"),
    DELETE("delete"),
    PRUNE("prune"),
    QUERY("query"),
    READ("read"),
    SUBSCRIBE("subscribe"),
    UPDATE("update");

    private final String wireName;

    ProtocolAction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
