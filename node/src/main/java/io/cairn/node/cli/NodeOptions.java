package io.cairn.node.cli;

import io.cairn.ipfs.repo.Repo;
import io.cairn.ipfs.repo.RepoLockedException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --api ADDR} and {@code --offline} for a repo command that can go through a running node, found
 * as Kubo's CLI finds its daemon: {@code --api}, else the address in {@code <repo>/api} when a live
 * Cairn node serving this repo answers there (a stale file is ignored); {@code --offline} never uses one.
 */
final class NodeOptions {
    @Option(names = "--api", paramLabel = "ADDR",
            description = "Send the command to the node at this address (a multiaddr such as /ip4/127.0.0.1/tcp/3000, or http://HOST:PORT).")
    String api;

    @Option(names = "--offline", description = "Never use a running node: open the repo directly.")
    boolean offline;

    /** What {@code <repo>/api} named when no node answered there, for the error if the repo turns out to be held. */
    private URI staleApi;

    /** The node's RPC API to use, or empty to open the repo here. */
    Optional<KuboRpcClient> node(CliCommand command) {
        if (offline && api != null) throw new ParameterException(command.spec.commandLine(), "--api and --offline exclude each other");
        if (offline) return Optional.empty();
        if (api != null) return Optional.of(new KuboRpcClient(ApiFile.toUrl(api)));
        Path repo = command.cli().repoPath();
        Optional<URI> named = ApiFile.read(repo);
        Optional<KuboRpcClient> node = named.filter(url -> NodeApi.holding(url, repo).isPresent()).map(KuboRpcClient::new);
        if (node.isEmpty()) staleApi = named.orElse(null);
        return node;
    }

    /** Opens the repo here; when another process holds it, the error says why no node was used. */
    Repo openRepo(CliCommand command) {
        try {
            return Repo.open(command.cli().repoPath());
        } catch (RepoLockedException e) {
            String why = offline ? "--offline keeps this command off the node"
                    : staleApi != null ? ApiFile.NAME + " names " + staleApi + ", where no Cairn node serving this repo answers"
                    : "the repo has no " + ApiFile.NAME + " file naming its node (`cairn serve` writes one; or pass --api ADDR)";
            throw new io.cairn.error.CairnException(e.kind(), e.code(), e.getMessage() + "; " + why, e);
        }
    }
}
