package io.cairn.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.Dwn;
import io.cairn.dwn.DwnReply;
import io.cairn.dwn.MessageProcessor;
import io.cairn.dwn.client.RecordsWriteBuilder;
import io.cairn.dwn.did.DidKey;
import io.cairn.dwn.did.DidKeys;
import io.cairn.dwn.did.BearerDid;
import io.cairn.dwn.did.UniversalResolver;
import io.cairn.dwn.jose.PrivateJwk;
import io.cairn.ipfs.repo.Repo;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The child process of {@link RecordsSurviveSigkillTest}: a DWN on a repo's persistent stores, writing
 * RecordsWrites signed by the given key, numbered from FIRST on, until it is killed. Every third record's
 * data is small enough to be stored inline in the message; the others go to the blockstore. Prints
 * "ack N RECORD_ID" once the DWN has answered 202.
 */
public final class RecordWriter {
    static final String SCHEMA = "https://cairn.example/schemas/transfer";

    /** The data of record {@code n}: 1 KiB inline, or 40–400 KiB in the blockstore, from a seed of n. */
    static byte[] data(int n) {
        SplittableRandom random = new SplittableRandom(n);
        byte[] data = new byte[n % 3 == 0 ? 1024 : 40_000 + random.nextInt(360_000)];
        random.nextBytes(data);
        return data;
    }

    static Dwn dwn(DwnStores stores) {
        return Dwn.builder()
                .messageStore(stores.messageStore())
                .dataStore(stores.dataStore())
                .eventLog(stores.eventLog())
                .resumableTaskStore(stores.resumableTaskStore())
                .didResolver(new UniversalResolver(List.of(DidKey.INSTANCE)))
                .dataCidComputer(stores.dataCidComputer())
                .transactions(stores.transactions())
                .build();
    }

    public static void main(String[] args) throws Exception {
        Path repoDir = Path.of(args[0]);
        BearerDid author = DidKeys.didKeyOf(PrivateJwk.fromJson(new ObjectMapper().readTree(args[1])));
        int first = Integer.parseInt(args[2]);
        try (Repo repo = Repo.open(repoDir); DwnStores stores = DwnStores.open(repo)) {
            Dwn dwn = dwn(stores);
            for (int n = first; ; n++) {
                byte[] data = data(n);
                ObjectNode write = new RecordsWriteBuilder(stores.dataCidComputer()).data(data).dataFormat("application/octet-stream")
                        .schema(SCHEMA).sign(author.signer());
                DwnReply reply = dwn.processMessage(author.uri(), write, new MessageProcessor.ProcessOptions(new ByteArrayInputStream(data), null));
                if (reply.statusCode() != 202) throw new AssertionError("write " + n + " answered " + reply.body());
                System.out.println("ack " + n + " " + write.get("recordId").asText());
                System.out.flush();
            }
        }
    }
}
