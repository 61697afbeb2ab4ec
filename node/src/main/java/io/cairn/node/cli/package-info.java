/**
 * The {@code cairn} command line (picocli), with Kubo's flag names and output where the function is the
 * same. {@link io.cairn.node.cli.CairnCli#report} is the one place where errors become an
 * {@code Error: ...} line and an exit code (1 bad input or not found, 2 usage, 3 storage or internal).
 */
package io.cairn.node.cli;
