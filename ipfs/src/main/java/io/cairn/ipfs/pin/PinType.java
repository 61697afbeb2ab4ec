package io.cairn.ipfs.pin;

/** Kubo's pin types: recursive pins keep a whole DAG, direct pins one block, indirect = below a recursive pin. */
public enum PinType {
    RECURSIVE, DIRECT, INDIRECT;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
