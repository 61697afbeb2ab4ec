package io.cairn.anchor.proof;

import io.cairn.anchor.AnchorException;
import io.cairn.error.CairnException;

/**
 * Where a verifier gets the block headers it trusts: a header chain read from a file, one header it
 * was given, or a Bitcoin node it trusts.
 */
@FunctionalInterface
public interface HeaderSource {
    /** The header of the best-chain block at {@code height}; throws {@link AnchorException} if unknown. */
    BlockHeader headerAt(long height);

    /** Trusts exactly one header, at one height. */
    static HeaderSource trusting(long height, BlockHeader header) {
        return h -> {
            if (h != height) throw new AnchorException(CairnException.Kind.NOT_FOUND, "header_unknown", "the trusted header is at height " + height + ", not " + h);
            return header;
        };
    }
}
