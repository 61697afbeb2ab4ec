package io.cairn.node.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cairn version}. */
@Command(name = "version", description = "Print the version.")
final class VersionCommand extends CliCommand {
    static final String VERSION = "0.1.0";

    @Override
    void run() {
        out().println("cairn version " + VERSION + " (java " + Runtime.version() + ")");
    }

    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"cairn " + VERSION};
        }
    }
}
