package io.cairn.dwn.store;

import java.io.IOException;
import java.io.InputStream;

/**
 * Computes the CID dwn-sdk-js gives record data ({@code Cid.computeDagPbCidFromStream}: UnixFS, CIDv1,
 * the SDK's importer settings) without storing it; used for data carried inline in a message. The
 * storage module implements it with the IPFS UnixFS importer.
 */
@FunctionalInterface
public interface DataCidComputer {
    String computeCid(InputStream data) throws IOException;
}
