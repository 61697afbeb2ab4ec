package io.cairn.anchor.bitcoin;

/** The eight-character checksum of an output descriptor (BIP 380). */
final class DescriptorChecksum {
    private static final String INPUT_CHARSET =
            "0123456789()[],'/*abcdefgh@:$%{}IJKLMNOPQRSTUVWXYZ&+-.;<=>?!^_|~ijklmnopqrstuvwxyzABCDEFGH`#\"\\ ";
    private static final String CHECKSUM_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final long[] GENERATOR = {0xf5dee51989L, 0xa9fdca3312L, 0x1bab10e32dL, 0x3706b1677aL, 0x644d626ffdL};

    private DescriptorChecksum() {}

    /** The checksum of {@code descriptor} (without its {@code #}), or null if it has characters descriptors cannot hold. */
    static String of(String descriptor) {
        long chk = 1;
        int groups = 0, groupCount = 0;
        for (int i = 0; i < descriptor.length(); i++) {
            int v = INPUT_CHARSET.indexOf(descriptor.charAt(i));
            if (v < 0) return null;
            chk = step(chk, v & 31);
            groups = groups * 3 + (v >> 5);
            if (++groupCount == 3) {
                chk = step(chk, groups);
                groups = 0;
                groupCount = 0;
            }
        }
        if (groupCount > 0) chk = step(chk, groups);
        for (int i = 0; i < 8; i++) chk = step(chk, 0);
        chk ^= 1;
        StringBuilder out = new StringBuilder(8);
        for (int i = 0; i < 8; i++) out.append(CHECKSUM_CHARSET.charAt((int) ((chk >> (5 * (7 - i))) & 31)));
        return out.toString();
    }

    private static long step(long chk, int value) {
        long top = chk >> 35;
        chk = ((chk & 0x7ffffffffL) << 5) ^ value;
        for (int i = 0; i < 5; i++) if (((top >> i) & 1) != 0) chk ^= GENERATOR[i];
        return chk;
    }
}
