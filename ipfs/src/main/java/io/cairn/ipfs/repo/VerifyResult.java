package io.cairn.ipfs.repo;

import java.util.List;

/** The outcome of re-hashing every block: how many were checked and which did not match their key. */
public record VerifyResult(long blocksChecked, List<String> corrupt) {
    public boolean ok() {
        return corrupt.isEmpty();
    }
}
