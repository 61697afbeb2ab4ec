package io.cairn.dwn.handler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnReply;
import io.cairn.dwn.MessageProcessor;

/**
 * The handler of one interface and method (dwn-sdk-js's {@code MethodHandler}); the processor has already
 * checked the tenant and that the message names an interface and method.
 */
@FunctionalInterface
public interface MethodHandler {
    DwnReply handle(String tenant, ObjectNode message, MessageProcessor.ProcessOptions options);
}
