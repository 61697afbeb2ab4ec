package io.cairn.anchor.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.anchor.AnchorException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderChainTest {
    @Test
    void aChainSurvivesItsFileFormAndAnswersByHeight() {
        ProofFixture f = new ProofFixture(4, 3, 11);
        HeaderChain chain = f.headerChain();
        HeaderChain read = HeaderChain.parse("# exported by a test\n" + chain.format(), ProofFixture.REGTEST_LIMIT);
        assertThat(read.startHeight()).isEqualTo(f.startHeight);
        assertThat(read.tipHeight()).isEqualTo(f.startHeight + 4);
        assertThat(read.headerAt(f.anchorHeight())).isEqualTo(f.chain.get(f.anchorBlock));
    }

    @Test
    void aBrokenLinkIsRefused() {
        ProofFixture f = new ProofFixture(4, 3, 12);
        List<BlockHeader> headers = new ArrayList<>(f.chain);
        headers.remove(2);
        assertThatThrownBy(() -> HeaderChain.of(f.startHeight, headers, ProofFixture.REGTEST_LIMIT))
                .isInstanceOf(AnchorException.class).hasMessageContaining("does not follow the header at height " + (f.startHeight + 1));
    }

    @Test
    void aHeaderWithoutItsWorkIsRefused() {
        ProofFixture f = new ProofFixture(4, 3, 13);
        List<BlockHeader> headers = new ArrayList<>(f.chain);
        byte[] last = headers.getLast().bytes();
        for (int nonce = 0; ; nonce++) { // find a nonce that misses the target
            last[76] = (byte) nonce;
            if (!BlockHeader.of(last).meetsItsTarget()) break;
        }
        headers.set(headers.size() - 1, BlockHeader.of(last));
        assertThatThrownBy(() -> HeaderChain.of(f.startHeight, headers, ProofFixture.REGTEST_LIMIT))
                .isInstanceOf(AnchorException.class).hasMessageContaining("does not meet its proof-of-work target");
    }

    @Test
    void aTargetEasierThanTheNetworkAllowsIsRefused() {
        ProofFixture f = new ProofFixture(4, 3, 14);
        assertThatThrownBy(() -> HeaderChain.of(f.startHeight, f.chain, HeaderChain.powLimit("mainnet")))
                .isInstanceOf(AnchorException.class).hasMessageContaining("easier than the network allows");
    }

    @Test
    void malformedFilesAreClearErrors() {
        assertThatThrownBy(() -> HeaderChain.parse("", ProofFixture.REGTEST_LIMIT)).isInstanceOf(AnchorException.class).hasMessageContaining("height N");
        assertThatThrownBy(() -> HeaderChain.parse("height x\n", ProofFixture.REGTEST_LIMIT)).isInstanceOf(AnchorException.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> HeaderChain.parse("height 3\nabcd\n", ProofFixture.REGTEST_LIMIT)).isInstanceOf(AnchorException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> HeaderChain.parse("height 3\n", ProofFixture.REGTEST_LIMIT)).isInstanceOf(AnchorException.class).hasMessageContaining("no headers");
        assertThatThrownBy(() -> HeaderChain.powLimit("dogecoin")).isInstanceOf(AnchorException.class);
    }
}
