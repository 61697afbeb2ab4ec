package io.cairn.dwn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.event.EventStream;
import io.cairn.dwn.handler.Authentication;
import io.cairn.dwn.handler.CoreRecords;
import io.cairn.dwn.handler.GrantAuthorizer;
import io.cairn.dwn.handler.HandlerContext;
import io.cairn.dwn.handler.MessagesQueryHandler;
import io.cairn.dwn.handler.MessagesReadHandler;
import io.cairn.dwn.handler.MessagesSubscribeHandler;
import io.cairn.dwn.handler.MethodHandler;
import io.cairn.dwn.handler.ProtocolAuthorizer;
import io.cairn.dwn.handler.RecordLocks;
import io.cairn.dwn.handler.RecordsDeleteHandler;
import io.cairn.dwn.handler.RecordsQueryHandler;
import io.cairn.dwn.handler.RecordsReadHandler;
import io.cairn.dwn.handler.RecordsSubscribeHandler;
import io.cairn.dwn.handler.RecordsWriteHandler;
import io.cairn.dwn.handler.Replies;
import io.cairn.dwn.handler.ResumableTaskManager;
import io.cairn.dwn.handler.SignatureVerifier;
import io.cairn.dwn.handler.StorageController;
import io.cairn.dwn.handler.StoreTransactions;
import io.cairn.dwn.message.JsText;
import io.cairn.dwn.message.Messages;
import io.cairn.dwn.store.DataCidComputer;
import io.cairn.dwn.store.DataStore;
import io.cairn.dwn.store.EventLog;
import io.cairn.dwn.store.MessageStore;
import io.cairn.dwn.store.ResumableTaskStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The DWN: dwn-sdk-js 0.5.2's {@code Dwn.processMessage} over Cairn's stores. A message passes the tenant
 * gate and its JSON schema, then goes to the handler of its interface and method. Records and Messages
 * handlers are built in; Protocols and the protocol and grant rules plug in through the
 * {@link Builder}. Opening a DWN finishes the deletes a crash interrupted.
 */
public final class Dwn implements MessageProcessor {
    private final TenantGate tenantGate;
    private final Map<String, MethodHandler> handlers;
    private final HandlerContext context;

    private Dwn(Builder b) {
        ResumableTaskManager tasks = new ResumableTaskManager(b.resumableTaskStore);
        MessageStore messageStore = Objects.requireNonNull(b.messageStore, "messageStore");
        this.context = new HandlerContext(messageStore, Objects.requireNonNull(b.dataStore, "dataStore"),
            Objects.requireNonNull(b.eventLog, "eventLog"), b.eventStream, tasks,
            new Authentication(Objects.requireNonNull(b.signatureVerifier, "signatureVerifier")),
            b.protocols == null ? ProtocolAuthorizer.withoutProtocols(messageStore) : b.protocols.apply(messageStore),
            b.grants == null ? GrantAuthorizer.NONE : b.grants.apply(messageStore),
            b.coreRecords == null ? CoreRecords.NONE : b.coreRecords,
            Objects.requireNonNull(b.dataCidComputer, "dataCidComputer"),
            b.transactions, new RecordLocks());
        this.tenantGate = b.tenantGate;
        StorageController storage = new StorageController(context);
        tasks.bindRecordsDelete(data -> storage.performRecordsDelete(data.path("tenant").asText(), (ObjectNode) data.get("message")));
        Map<String, MethodHandler> all = new HashMap<>();
        all.put("RecordsWrite", new RecordsWriteHandler(context, storage));
        all.put("RecordsQuery", new RecordsQueryHandler(context));
        all.put("RecordsRead", new RecordsReadHandler(context));
        all.put("RecordsDelete", new RecordsDeleteHandler(context));
        all.put("RecordsSubscribe", new RecordsSubscribeHandler(context));
        all.put("MessagesQuery", new MessagesQueryHandler(context));
        all.put("MessagesRead", new MessagesReadHandler(context));
        all.put("MessagesSubscribe", new MessagesSubscribeHandler(context));
        for (Map.Entry<String, Function<HandlerContext, MethodHandler>> extra : b.extraHandlers.entrySet()) {
            all.put(extra.getKey(), extra.getValue().apply(context));
        }
        this.handlers = Map.copyOf(all);
        tasks.resumeTasksAndWaitForCompletion();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What the handlers work with (for handlers registered from other modules, and tests). */
    public HandlerContext context() {
        return context;
    }

    @Override
    public DwnReply processMessage(String tenant, ObjectNode message, ProcessOptions options) {
        TenantGate.Result gate = tenantGate.isActiveTenant(tenant);
        if (!gate.active()) {
            return Replies.status(401, gate.detail() != null ? gate.detail() : "DID " + tenant + " is not an active tenant.");
        }
        JsonNode descriptor = message == null ? null : message.get("descriptor");
        JsonNode dwnInterface = descriptor == null || !descriptor.isObject() ? null : descriptor.get("interface");
        JsonNode dwnMethod = descriptor == null || !descriptor.isObject() ? null : descriptor.get("method");
        if (dwnInterface == null || dwnMethod == null) {
            return Replies.status(400, "Both interface and method must be present, interface: " + JsText.of(dwnInterface)
                + ", method: " + JsText.of(dwnMethod));
        }
        try {
            io.cairn.dwn.schema.SchemaValidator.sdk().validate(JsText.of(dwnInterface) + JsText.of(dwnMethod), message);
        } catch (DwnError e) {
            return Replies.error(e, 400);
        }
        String key = Messages.interfaceName(message) + Messages.method(message);
        MethodHandler handler = handlers.get(key);
        if (handler == null) {
            throw new UnsupportedOperationException("no handler for " + key + " in this DWN");
        }
        return handler.handle(tenant, message, options == null ? ProcessOptions.NONE : options);
    }

    /** Assembles a DWN; the stores, a signature verifier and a data CID computer are required. */
    public static final class Builder {
        private MessageStore messageStore;
        private DataStore dataStore;
        private EventLog eventLog;
        private ResumableTaskStore resumableTaskStore;
        private EventStream eventStream;
        private SignatureVerifier signatureVerifier;
        private DataCidComputer dataCidComputer;
        private TenantGate tenantGate = TenantGate.ALLOW_ALL;
        private StoreTransactions transactions = StoreTransactions.NONE;
        private Function<MessageStore, ProtocolAuthorizer> protocols;
        private Function<MessageStore, GrantAuthorizer> grants;
        private CoreRecords coreRecords;
        private final Map<String, Function<HandlerContext, MethodHandler>> extraHandlers = new HashMap<>();

        private Builder() {}

        public Builder messageStore(MessageStore v) { messageStore = v; return this; }

        public Builder dataStore(DataStore v) { dataStore = v; return this; }

        public Builder eventLog(EventLog v) { eventLog = v; return this; }

        public Builder resumableTaskStore(ResumableTaskStore v) { resumableTaskStore = v; return this; }

        /** Null (the default) leaves subscriptions unsupported, as the SDK without an event stream. */
        public Builder eventStream(EventStream v) { eventStream = v; return this; }

        public Builder signatureVerifier(SignatureVerifier v) { signatureVerifier = v; return this; }

        /** Verifies signatures with the JOSE layer's {@code GeneralJwsVerifier} against this resolver's DID documents. */
        public Builder didResolver(io.cairn.dwn.did.DidResolver resolver) {
            Objects.requireNonNull(resolver, "resolver");
            signatureVerifier = jws -> io.cairn.dwn.jose.GeneralJwsVerifier.verifySignatures(jws, resolver);
            return this;
        }

        public Builder dataCidComputer(DataCidComputer v) { dataCidComputer = v; return this; }

        public Builder tenantGate(TenantGate v) { tenantGate = Objects.requireNonNull(v); return this; }

        public Builder transactions(StoreTransactions v) { transactions = Objects.requireNonNull(v); return this; }

        public Builder protocolAuthorizer(Function<MessageStore, ProtocolAuthorizer> v) { protocols = v; return this; }

        public Builder grantAuthorizer(Function<MessageStore, GrantAuthorizer> v) { grants = v; return this; }

        public Builder coreRecords(CoreRecords v) { coreRecords = v; return this; }

        /** Adds (or replaces) the handler of an interface and method, e.g. {@code "ProtocolsConfigure"}. */
        public Builder handler(String interfaceAndMethod, Function<HandlerContext, MethodHandler> factory) {
            extraHandlers.put(interfaceAndMethod, factory);
            return this;
        }

        public Dwn build() {
            Objects.requireNonNull(resumableTaskStore, "resumableTaskStore");
            return new Dwn(this);
        }
    }
}
