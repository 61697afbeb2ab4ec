package io.cairn.node.rpc;

import io.cairn.error.CairnException;

/** A request Kubo's command parser refuses before the command runs: 400 with the message as plain text. */
final class RpcUsageException extends CairnException {
    RpcUsageException(String message) {
        super(Kind.BAD_INPUT, "invalid_request", message);
    }
}
