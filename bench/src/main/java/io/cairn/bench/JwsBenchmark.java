package io.cairn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.did.BearerDid;
import io.cairn.dwn.did.CachingDidResolver;
import io.cairn.dwn.did.DidJwk;
import io.cairn.dwn.did.DidKey;
import io.cairn.dwn.did.DidKeys;
import io.cairn.dwn.did.DidResolver;
import io.cairn.dwn.did.UniversalResolver;
import io.cairn.dwn.jose.Base64Url;
import io.cairn.dwn.jose.GeneralJwsBuilder;
import io.cairn.dwn.jose.GeneralJwsVerifier;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * General JWS verification, the per-message signature check of every DWN write: the same signed JWSs
 * (RecordsWrite-sized payloads, one Ed25519 or secp256k1 did:key signer each) verified by Cairn's
 * {@link GeneralJwsVerifier} and by dwn-sdk-js 0.5.2's ({@code interop/dwn/bench-jws.mjs} on the machine's
 * Node), in the same run, single-threaded, with a fresh verdict cache so the cryptography is measured;
 * and the same Ed25519 JWSs made invalid, refused by both (what an attacker's signatures cost). Prints
 * Markdown rows.
 *
 * <pre>java -cp … io.cairn.bench.JwsBenchmark WORKDIR [COUNT]</pre>
 */
public final class JwsBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "bench/results/tmp"));
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        System.out.println("| JWS verification (1 signer, did:key) | Cairn | dwn-sdk-js 0.5.2 | Cairn / SDK |");
        System.out.println("| --- | --- | --- | --- |");
        for (String algorithm : List.of("Ed25519", "secp256k1")) {
            BearerDid signer = algorithm.equals("Ed25519") ? DidKeys.generateEd25519() : DidKeys.generateSecp256k1();
            List<ObjectNode> jwss = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String payload = "{\"descriptorCid\":\"bafyreigdmqpykrgxyaxtlafqpqhzrb7qy2rh75nldvfd4tucqmqqme5yje" + i
                        + "\",\"permissionGrantId\":null,\"recordId\":\"bafyreih" + i + "\"}";
                jwss.add(GeneralJwsBuilder.create(payload.getBytes(StandardCharsets.UTF_8), signer.signer()).getJws());
            }
            Path file = work.resolve("jws-" + algorithm + ".jsonl");
            try (BufferedWriter out = Files.newBufferedWriter(file)) {
                for (ObjectNode jws : jwss) out.write(JSON.createObjectNode().set("jws", jws) + "\n");
            }
            double cairn = cairnPerSecond(jwss, false);
            double sdk = sdkPerSecond(file, false);
            System.out.printf(Locale.ROOT, "| %s, %d JWSs | %,.0f /s | %,.0f /s | %.1f× |%n", algorithm, count, cairn, sdk, cairn / sdk);
            Files.deleteIfExists(file);
            if (algorithm.equals("Ed25519")) invalidRow(jwss, work, count);
        }
    }

    /**
     * The same JWSs with the lowest bit of S flipped: still below L and R still a point, so both sides do
     * the whole check before refusing (Cairn: BouncyCastle's strict check, then noble's ZIP-215 rules).
     */
    private static void invalidRow(List<ObjectNode> valid, Path work, int count) throws Exception {
        List<ObjectNode> jwss = new ArrayList<>(valid.size());
        for (ObjectNode jws : valid) {
            ObjectNode copy = jws.deepCopy();
            ObjectNode entry = (ObjectNode) copy.get("signatures").get(0);
            byte[] signature = Base64Url.decode(entry.get("signature").asText());
            signature[32] ^= 1;
            entry.put("signature", Base64Url.encode(signature));
            jwss.add(copy);
        }
        Path file = work.resolve("jws-Ed25519-invalid.jsonl");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (ObjectNode jws : jwss) out.write(JSON.createObjectNode().set("jws", jws) + "\n");
        }
        double cairn = cairnPerSecond(jwss, true);
        double sdk = sdkPerSecond(file, true);
        System.out.printf(Locale.ROOT, "| Ed25519, %d invalid JWSs (S bit flipped), refused | %,.0f /s | %,.0f /s | %.1f× |%n",
                count, cairn, sdk, cairn / sdk);
        Files.deleteIfExists(file);
    }

    private static double cairnPerSecond(List<ObjectNode> jwss, boolean invalid) {
        DidResolver resolver = new CachingDidResolver(new UniversalResolver(List.of(DidKey.INSTANCE, DidJwk.INSTANCE)));
        verifyAll(jwss.subList(0, Math.min(500, jwss.size())), resolver, invalid); // warm-up
        long start = System.nanoTime();
        verifyAll(jwss, resolver, invalid);
        return jwss.size() / ((System.nanoTime() - start) / 1e9);
    }

    private static void verifyAll(List<ObjectNode> jwss, DidResolver resolver, boolean invalid) {
        GeneralJwsVerifier verifier = new GeneralJwsVerifier();
        for (JsonNode jws : jwss) {
            if (invalid) {
                try {
                    verifier.verify(jws, resolver);
                } catch (DwnError refused) {
                    continue;
                }
                throw new IllegalStateException("an invalid signature verified");
            }
            if (verifier.verify(jws, resolver).size() != 1) throw new IllegalStateException("not verified");
        }
    }

    private static double sdkPerSecond(Path file, boolean invalid) throws Exception {
        Path script = Path.of("interop/dwn/bench-jws.mjs").toAbsolutePath();
        Process process = new ProcessBuilder("node", script.toString(), file.toAbsolutePath().toString(), "200", invalid ? "invalid" : "valid")
                .directory(script.getParent().toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("bench-jws.mjs failed: " + output);
        }
        JsonNode result = JSON.readTree(output.lines().reduce((a, b) -> b).orElseThrow());
        return result.get("verified").asDouble() / result.get("seconds").asDouble();
    }
}
