package io.cairn.dwn.protocol;

/** The {@code who} of an action rule. */
public final class ProtocolActor {
    public static final String ANYONE = "anyone";
    public static final String AUTHOR = "author";
    public static final String RECIPIENT = "recipient";

    private ProtocolActor() {}
}
