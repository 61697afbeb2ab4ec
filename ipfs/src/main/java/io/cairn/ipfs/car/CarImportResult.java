package io.cairn.ipfs.car;

import io.cairn.multiformats.Cid;
import java.util.List;

/** What a CAR import stored. */
public record CarImportResult(List<Cid> roots, long blockCount) {}
