package io.cairn.multiformats;

import java.util.HashMap;
import java.util.Map;

/** The multicodec codes Cairn knows, from the multicodec table. */
public enum Multicodec {
    IDENTITY(0x00, "identity"),
    SHA2_256(0x12, "sha2-256"),
    SHA2_512(0x13, "sha2-512"),
    RAW(0x55, "raw"),
    DAG_PB(0x70, "dag-pb"),
    DAG_CBOR(0x71, "dag-cbor"),
    LIBP2P_KEY(0x72, "libp2p-key"),
    DAG_JSON(0x0129, "dag-json"),
    ED25519_PUB(0xed, "ed25519-pub"),
    SECP256K1_PUB(0xe7, "secp256k1-pub"),
    X25519_PUB(0xec, "x25519-pub"),
    CAR(0x0202, "car");

    private static final Map<Long, Multicodec> BY_CODE = new HashMap<>();
    private static final Map<String, Multicodec> BY_NAME = new HashMap<>();

    static {
        for (Multicodec c : values()) {
            BY_CODE.put(c.code, c);
            BY_NAME.put(c.codecName, c);
        }
    }

    private final long code;
    private final String codecName;

    Multicodec(long code, String codecName) {
        this.code = code;
        this.codecName = codecName;
    }

    public long code() {
        return code;
    }

    /** The table's name, e.g. {@code dag-pb}. */
    public String codecName() {
        return codecName;
    }

    public static Multicodec ofCode(long code) {
        Multicodec c = BY_CODE.get(code);
        if (c == null) throw MultiformatException.invalid("multicodec", "unknown code 0x" + Long.toHexString(code));
        return c;
    }

    public static boolean isKnown(long code) {
        return BY_CODE.containsKey(code);
    }

    public static Multicodec ofName(String name) {
        Multicodec c = BY_NAME.get(name);
        if (c == null) throw MultiformatException.invalid("multicodec", "unknown name '" + name + "'");
        return c;
    }

    @Override
    public String toString() {
        return codecName;
    }
}
