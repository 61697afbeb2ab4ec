package io.cairn.multiformats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class MultibaseTest {
    @Property
    void everyBaseRoundTrips(@ForAll byte[] data, @ForAll Multibase base) {
        String text = base.encode(data);
        assertThat(text.charAt(0)).isEqualTo(base.prefix());
        assertThat(Multibase.decode(text)).isEqualTo(data);
    }

    @Test
    void matchesTheRfc4648AndMultibaseTestVectors() {
        byte[] yes = "yes mani !".getBytes(StandardCharsets.UTF_8);
        // vectors from the multibase spec's test suite (basic.csv)
        assertThat(Multibase.BASE16.encode(yes)).isEqualTo("f796573206d616e692021");
        assertThat(Multibase.BASE32.encode(yes)).isEqualTo("bpfsxgidnmfxgsibb");
        assertThat(Multibase.BASE36.encode(yes)).isEqualTo("k2lcpzo5yikidynfl");
        assertThat(Multibase.BASE58_BTC.encode(yes)).isEqualTo("z7paNL19xttacUY");
        assertThat(Multibase.BASE64_URL.encode(yes)).isEqualTo("ueWVzIG1hbmkgIQ");
        assertThat(Multibase.BASE58_BTC.encode(new byte[] {0, 0, 1})).isEqualTo("z112");
    }

    @Test
    void rejectsUnknownPrefixesAndForeignCharacters() {
        assertThatThrownBy(() -> Multibase.decode("")).isInstanceOf(MultiformatException.class);
        assertThatThrownBy(() -> Multibase.decode("!abc")).isInstanceOf(MultiformatException.class);
        assertThatThrownBy(() -> Multibase.decode("z0OIl")).isInstanceOf(MultiformatException.class);
        assertThatThrownBy(() -> Multibase.decode("bABC")).isInstanceOf(MultiformatException.class);
        assertThatThrownBy(() -> Multibase.decode("uab==")).isInstanceOf(MultiformatException.class);
    }

    @Test
    void acceptsOneSpellingPerValue() {
        assertThat(Multibase.decode("mAA")).containsExactly(0);
        assertThatThrownBy(() -> Multibase.decode("mAB")).isInstanceOf(MultiformatException.class).hasMessageContaining("trailing bits");
        assertThatThrownBy(() -> Multibase.decode("uAAB")).isInstanceOf(MultiformatException.class).hasMessageContaining("trailing bits");
        assertThatThrownBy(() -> Multibase.decode("bab")).isInstanceOf(MultiformatException.class).hasMessageContaining("trailing bits");
        assertThatThrownBy(() -> Multibase.decode("fAB")).isInstanceOf(MultiformatException.class);
        assertThatThrownBy(() -> Multibase.decode("Kabc")).isInstanceOf(MultiformatException.class);
    }

    @Property(tries = 200)
    void upperCaseBasesDoNotDependOnTheDefaultLocale(@ForAll byte[] data) {
        java.util.Locale saved = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr")); // upper-cases i to a dotted I
            for (Multibase base : new Multibase[] {Multibase.BASE32_UPPER, Multibase.BASE36_UPPER, Multibase.BASE16_UPPER}) {
                String text = base.encode(data);
                assertThat(text).matches("[A-Z0-9]*");
                assertThat(Multibase.decode(text)).isEqualTo(data);
            }
        } finally {
            java.util.Locale.setDefault(saved);
        }
    }

    @Property
    void randomStringsDecodeOrFailWithAMultiformatException(@ForAll String text) {
        try {
            Multibase.decode(text);
        } catch (MultiformatException expected) {
            // the only failure allowed
        }
    }
}
