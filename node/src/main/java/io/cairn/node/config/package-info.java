/** Configuration: {@code cairn.toml} with the deployment plan's keys, env substitution, CLI overrides. */
package io.cairn.node.config;
