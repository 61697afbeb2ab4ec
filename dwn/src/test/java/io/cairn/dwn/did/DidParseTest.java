package io.cairn.dwn.did;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The hand-written DID scanners agree with the SDK's regular expressions (run here with Java's engine on
 * short inputs, JavaScript's {@code .} spelled out), and the caching resolver keeps only successes.
 */
class DidParseTest {
    private static final String ID_CHAR = "(?:[a-zA-Z0-9._-]|(?:%[0-9a-fA-F]{2}))";
    private static final String DOT = "[^\\n\\r\\u2028\\u2029]";
    private static final Pattern WEB5 = Pattern.compile("^did:(?<method>[a-z0-9]+):(?<id>((?:" + ID_CHAR + "*:)*(" + ID_CHAR + "+)))"
            + "(?<path>(/[^#?]*)?)(?<query>([?][^#]*)?)(?<fragment>(#" + DOT + "*)?)");
    private static final Pattern DWN = Pattern.compile("^did:([a-z0-9]+):((?:(?:[a-zA-Z0-9._-]|(?:%[0-9a-fA-F]{2}))*:)*((?:[a-zA-Z0-9._-]|(?:%[0-9a-fA-F]{2}))+))"
            + "((;[a-zA-Z0-9_.:%-]+=[a-zA-Z0-9_.:%-]*)*)(/[^#?]*)?([?][^#]*)?(#" + DOT + "*)?");

    @Provide
    Arbitrary<String> didLike() {
        Arbitrary<String> tail = Arbitraries.strings().withChars("aZ09.-_:%;=/?#&\n\u2028").ofMaxLength(14);
        Arbitrary<String> hex = Arbitraries.of("%2F", "%zz", "%a", "%41");
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("did:keyKEY1").ofMaxLength(10),
                tail.map(t -> "did:key:" + t),
                Arbitraries.of("did:", "did:web:", "did:x1:", "did:Web:", "dId:key:").flatMap(p -> tail.map(t -> p + t)),
                Arbitraries.of("did:web:a").flatMap(p -> hex.flatMap(h -> tail.map(t -> p + h + t))));
    }

    @Property(tries = 3000)
    void parseMatchesTheWeb5Pattern(@ForAll("didLike") String text) {
        Matcher m = WEB5.matcher(text);
        Did did = Did.parse(text);
        if (!m.matches()) {
            assertThat(did).as(text).isNull();
            return;
        }
        assertThat(did).as(text).isNotNull();
        assertThat(did.method()).isEqualTo(m.group("method"));
        assertThat(did.id()).isEqualTo(m.group("id"));
        assertThat(did.path()).isEqualTo(emptyToNull(m.group("path")));
        assertThat(did.query()).isEqualTo(m.group("query").isEmpty() ? null : m.group("query").substring(1));
        assertThat(did.fragment()).isEqualTo(m.group("fragment").isEmpty() ? null : m.group("fragment").substring(1));
    }

    @Property(tries = 3000)
    void theDwnPatternCheckMatchesTheSchemaPattern(@ForAll("didLike") String text) {
        assertThat(Did.matchesDwnDidPattern(text)).as(text).isEqualTo(DWN.matcher(text).matches());
    }

    @Test
    void parametersAreOnlyInTheDwnPattern() {
        assertThat(Did.matchesDwnDidPattern("did:ex:a;service=x/p?q#f")).isTrue();
        assertThat(Did.parse("did:ex:a;service=x")).isNull();
        assertThat(Did.parse("did:ex:a:b/p?x=1&y=2=3&z#frag").params()).containsEntry("x", "1").containsEntry("y", "2").containsEntry("z", null);
    }

    @Test
    void theCachingResolverKeepsSuccessesOnly() {
        AtomicInteger calls = new AtomicInteger();
        DidResolver flaky = did -> {
            calls.incrementAndGet();
            return did.startsWith("did:ok") ? DidResolutionResult.of(io.cairn.dwn.jose.JsJson.MAPPER.createObjectNode().put("id", did))
                    : DidResolutionResult.error("notFound", null);
        };
        CachingDidResolver cache = new CachingDidResolver(flaky);
        for (String did : List.of("did:ok:1", "did:ok:1#key", "did:ok:1/path", "did:bad:1", "did:bad:1", "not a did", "not a did")) {
            cache.resolve(did);
        }
        // did:ok:1 once (then cached under the bare DID), did:bad:1 twice, the non-DID twice
        assertThat(calls.get()).isEqualTo(5);
        assertThat(cache.estimatedSize()).isEqualTo(1);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
