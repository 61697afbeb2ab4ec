package io.cairn.node.dwn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.Dwn;
import io.cairn.dwn.DwnReply;
import io.cairn.dwn.MessageProcessor;
import io.cairn.dwn.TenantGate;
import io.cairn.dwn.did.CachingDidResolver;
import io.cairn.dwn.did.DidHttp;
import io.cairn.dwn.did.DidResolver;
import io.cairn.dwn.did.UniversalResolver;
import io.cairn.dwn.event.InMemoryEventStream;
import io.cairn.dwn.handler.StoreTransactions;
import io.cairn.dwn.jose.GeneralJwsVerifier;
import io.cairn.dwn.protocol.Protocols;
import io.cairn.dwn.rocks.DwnDatabase;
import io.cairn.ipfs.repo.Repo;
import io.cairn.node.config.CairnConfig;
import io.cairn.storage.DwnStores;
import java.util.function.Supplier;

/**
 * The DWN of a node's repo, as {@code cairn serve} runs it: the persistent stores of {@link DwnStores}
 * (RocksDB under {@code <repo>/dwn}, record data in the repo's blockstore) with each message's writes in
 * one database transaction, signatures checked against DIDs resolved by did:key, did:jwk, did:web and
 * did:dht (through the configured gateway) with a cache, an in-process event stream for subscriptions,
 * the Protocols interface with protocol- and grant-based authorization, and the config's tenant gate. Closing it closes the stores (not the repo).
 */
public final class LocalDwn implements MessageProcessor, AutoCloseable {
    private final DwnStores stores;
    private final Dwn dwn;

    private LocalDwn(DwnStores stores, Dwn dwn) {
        this.stores = stores;
        this.dwn = dwn;
    }

    public static LocalDwn open(Repo repo, CairnConfig.Dwn config) {
        DwnStores stores = DwnStores.open(repo, new DwnDatabase.Options(config.syncWrites(), DwnDatabase.Options.DEFAULT.blockCacheBytes()));
        try {
            DidResolver dids = new CachingDidResolver(UniversalResolver.standard(new DidHttp(DidHttp.DEFAULT_TIMEOUT), config.didDhtGateway()));
            GeneralJwsVerifier signatures = GeneralJwsVerifier.shared();
            Dwn dwn = Protocols.install(Dwn.builder(), stores.messageStore())
                    .messageStore(stores.messageStore())
                    .dataStore(stores.dataStore())
                    .eventLog(stores.eventLog())
                    .resumableTaskStore(stores.resumableTaskStore())
                    .eventStream(new InMemoryEventStream())
                    .signatureVerifier(jws -> signatures.verify(jws, dids))
                    .dataCidComputer(stores.dataCidComputer())
                    .transactions(new StoreTransactions() {
                        @Override
                        public <T> T atomically(Supplier<T> work) {
                            return stores.database().transaction(work);
                        }
                    })
                    .tenantGate(config.openToAllTenants() ? TenantGate.ALLOW_ALL : new TenantAllowlist(config.tenants()))
                    .build();
            return new LocalDwn(stores, dwn);
        } catch (RuntimeException e) {
            stores.close();
            throw e;
        }
    }

    @Override
    public DwnReply processMessage(String tenant, ObjectNode message, ProcessOptions options) {
        return dwn.processMessage(tenant, message, options);
    }

    @Override
    public void close() {
        stores.close();
    }
}
