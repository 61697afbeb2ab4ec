package io.cairn.dwn.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.message.AuthoredMessage;
import io.cairn.dwn.message.JsText;
import io.cairn.dwn.message.Messages;
import io.cairn.dwn.message.RecordsWrite;
import io.cairn.dwn.store.MessageStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Whether one of a rule set's {@code $actions} allows the incoming Records message (dwn-sdk-js's
 * {@code authorizeAgainstAllowedActions}): the actions that could authorize it, then the first rule that
 * grants one of them to anyone, to the invoked role, to the recipient of the record, or to the author or
 * recipient of an ancestor in the record chain.
 */
final class ProtocolActionRules {
    private ProtocolActionRules() {}

    static void authorize(String tenant, AuthoredMessage incoming, JsonNode ruleSet, List<ObjectNode> recordChain, MessageStore store) {
        String method = incoming.descriptor().path("method").asText();
        String author = incoming.author();
        JsonNode actionRules = ruleSet.get("$actions");
        List<String> actions = actionsSeekingARuleMatch(tenant, incoming, store);
        if (actionRules == null) {
            throw new DwnError("ProtocolAuthorizationActionRulesNotFound",
                    "no action rule defined for Records" + method + ", " + JsText.of(author) + " is unauthorized");
        }
        String invokedRole = incoming.payloadText("protocolRole");
        for (JsonNode rule : actionRules) {
            if (!anyAllowed(rule.path("can"), actions)) {
                continue;
            }
            String who = rule.has("who") ? rule.get("who").asText() : null;
            if (ProtocolActor.ANYONE.equals(who)) {
                return;
            }
            if (author == null) {
                continue;
            }
            if (invokedRole != null) {
                if (invokedRole.equals(rule.path("role").asText(null))) {
                    return;
                }
                continue;
            }
            if (ProtocolActor.RECIPIENT.equals(who) && !rule.has("of")) {
                JsonNode record = "Write".equals(method) ? incoming.message() : recordChain.get(recordChain.size() - 1);
                if (author.equals(record.path("descriptor").path("recipient").asText(null))) {
                    return;
                }
                continue;
            }
            if (actorMatches(author, rule, recordChain)) {
                return;
            }
        }
        throw new DwnError("ProtocolAuthorizationActionNotAllowed",
                "Inbound message action Records" + method + " by author " + JsText.of(author) + " not allowed.");
    }

    private static List<String> actionsSeekingARuleMatch(String tenant, AuthoredMessage incoming, MessageStore store) {
        JsonNode descriptor = incoming.descriptor();
        List<String> actions = new ArrayList<>();
        switch (descriptor.path("method").asText()) {
            case "Delete" -> {
                ObjectNode initialWrite = StoreQueries.initialWriteByEntryId(store, tenant, descriptor.path("recordId").asText());
                if (initialWrite == null) {
                    return actions;
                }
                boolean byRecordAuthor = Objects.equals(incoming.author(), Messages.author(initialWrite));
                boolean prune = descriptor.path("prune").asBoolean(false);
                actions.add(prune ? "co-prune" : "co-delete");
                if (byRecordAuthor) {
                    actions.add(prune ? "prune" : "delete");
                }
            }
            case "Query" -> actions.add("query");
            case "Read" -> actions.add("read");
            case "Subscribe" -> actions.add("subscribe");
            case "Write" -> {
                if (RecordsWrite.isInitialWrite(incoming.message())) {
                    actions.add("create");
                    return actions;
                }
                ObjectNode initialWrite = StoreQueries.initialWriteByEntryId(store, tenant, incoming.message().path("recordId").asText());
                if (initialWrite == null) {
                    return actions;
                }
                actions.add("co-update");
                if (Objects.equals(incoming.author(), Messages.author(initialWrite))) {
                    actions.add("update");
                }
            }
            default -> { }
        }
        return actions;
    }

    private static boolean anyAllowed(JsonNode can, List<String> actions) {
        for (JsonNode allowed : can) {
            if (actions.contains(allowed.asText())) {
                return true;
            }
        }
        return false;
    }

    /** A {@code who: author|recipient, of: path} rule: the author must be that party of the ancestor at {@code of}. */
    private static boolean actorMatches(String author, JsonNode rule, List<ObjectNode> recordChain) {
        JsonNode of = rule.get("of");
        ObjectNode ancestor = null;
        for (ObjectNode record : recordChain) {
            if (Objects.equals(record.path("descriptor").get("protocolPath"), of)) {
                ancestor = record;
                break;
            }
        }
        if (ancestor == null) {
            return false;
        }
        if (ProtocolActor.RECIPIENT.equals(rule.path("who").asText(null))) {
            return author.equals(ancestor.path("descriptor").path("recipient").asText(null));
        }
        return author.equals(Messages.author(ancestor));
    }
}
