package io.cairn.anchor.bitcoin;

import java.util.Optional;
import java.util.OptionalDouble;
import org.bitcoinj.base.BitcoinNetwork;

/**
 * What anchoring needs from a Bitcoin back end: the best chain's blocks and headers, transactions,
 * the mempool, broadcasting and fee estimates. Answers that can be checked are checked by the
 * implementation (a header hashes to the hash asked for, a block's transactions to its Merkle root, a
 * transaction to its txid), so a back end that lies is an {@link io.cairn.anchor.AnchorException}
 * ({@code backend_invalid_answer}), one that cannot be reached is {@code backend_unavailable}.
 */
public interface ChainBackend {
    /** The network, recognised by the genesis block the back end serves. */
    default BitcoinNetwork network() {
        return Genesis.networkOf(blockHash(0));
    }

    /** The height of the best chain's tip. */
    long tipHeight();

    /** The hash (display order, hex) of the best chain's block at {@code height}. */
    String blockHash(long height);

    /** The height of a block, by hash (display order, hex); not found is {@code backend_not_found}. */
    long blockHeight(String hash);

    /** The 80-byte header, checked against the hash. */
    byte[] blockHeader(String hash);

    /** The serialized block, checked against the hash and its Merkle root. */
    byte[] block(String hash);

    /** The serialized transaction (witness included if any), checked against its txid; empty if unknown. */
    Optional<byte[]> transaction(String txid);

    /** True while the transaction waits in the back end's mempool. */
    boolean inMempool(String txid);

    /**
     * Hands a transaction to the network. A rejection the back end reports is {@code backend_rejected};
     * some back ends (bcoin) accept first and decide later, so acceptance is confirmed with
     * {@link #inMempool} or {@link #blockOf}.
     */
    void broadcast(byte[] transaction);

    /** The fee rate, in sat/vB, estimated to confirm within {@code targetBlocks}; empty without data. */
    OptionalDouble feeRateEstimate(int targetBlocks);

    /** The best-chain block holding the transaction, if the back end knows one (Core needs -txindex, bcoin --index-tx). */
    Optional<String> blockOf(String txid);
}
