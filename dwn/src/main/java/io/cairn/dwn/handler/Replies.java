package io.cairn.dwn.handler;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.dwn.DwnError;
import io.cairn.dwn.DwnReply;

/** Reply bodies as the SDK builds them: {@code {status: {code, detail}}}. */
public final class Replies {
    private Replies() {}

    public static ObjectNode body(int code, String detail) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode status = body.putObject("status");
        status.put("code", code);
        status.put("detail", detail);
        return body;
    }

    public static DwnReply status(int code, String detail) {
        return new DwnReply(body(code, detail), null);
    }

    /** {@code messageReplyFromError(e, code)}. */
    public static DwnReply error(DwnError e, int code) {
        return status(code, e.detail());
    }
}
