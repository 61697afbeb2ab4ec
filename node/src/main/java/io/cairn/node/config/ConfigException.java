package io.cairn.node.config;

import io.cairn.error.CairnException;

/** A configuration file or override that cannot be used; the message names the key. */
public final class ConfigException extends CairnException {
    public ConfigException(String message) {
        super(Kind.BAD_INPUT, "invalid_config", message);
    }
}
