package io.cairn.anchor.bitcoin;

import io.cairn.anchor.AnchorException;
import io.cairn.error.CairnException;
import java.util.Map;
import org.bitcoinj.base.BitcoinNetwork;

/** Networks recognised by their genesis block (testnet4 shares testnet's address encoding). */
final class Genesis {
    private static final Map<String, BitcoinNetwork> BY_HASH = Map.of(
            "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f", BitcoinNetwork.MAINNET,
            "000000000933ea01ad0ee984209779baaec3ced90fa3f408719526f8d77f4943", BitcoinNetwork.TESTNET,
            "00000000da84f2bafbbc53dee25a72ae507ff4914b867c565be350b0da8bf043", BitcoinNetwork.TESTNET,
            "00000008819873e925422c1ff0f99f7cc9bbb232af63a077a480a3633bee1ef6", BitcoinNetwork.SIGNET,
            "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206", BitcoinNetwork.REGTEST);

    private Genesis() {}

    static BitcoinNetwork networkOf(String genesisHash) {
        BitcoinNetwork n = BY_HASH.get(genesisHash);
        if (n == null) {
            throw new AnchorException(CairnException.Kind.STORAGE, "backend_wrong_network",
                    "the Bitcoin back end serves an unknown chain (genesis block " + genesisHash + ")");
        }
        return n;
    }
}
