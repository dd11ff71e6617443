package io.jreign.bench.dist;

import io.jreign.bench.remote.Child;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starting the erl nodes of the DIST and Erlang-baseline workloads: {@code -sname NAME@localhost},
 * a private EPMD ({@code -start_epmd false}, {@code ERL_EPMD_PORT}), the compiled
 * {@code bench/erlang} beams, and over TLS distribution ({@code -proto_dist inet_tls
 * -ssl_dist_optfile}) when given an options file ({@link DistTls}).
 *
 * @param beams    the compiled workloads
 * @param epmdPort the private EPMD
 * @param cookie   every node's cookie
 * @param logs     where each node's standard error goes ({@code NAME.stderr})
 */
record ErlNode(Beams beams, int epmdPort, String cookie, Path logs) {

    /** A node running {@code bench_dist_server} (echo and sink); returns once it printed READY. */
    Child server(String name, Optional<Path> tlsOptions) {
        Child child = start(name, tlsOptions, List.of("-run", "bench_dist_server", "start"));
        try {
            child.awaitLine("READY", Duration.ofSeconds(60));
            return child;
        } catch (RuntimeException e) {
            child.close();
            throw e;
        }
    }

    /** A node running {@code bench_dist:main(Mode, Prefix, Server)}; it ends by itself (see {@link Child#awaitExit}). */
    Child client(String name, Optional<Path> tlsOptions, String mode, String prefix, String server) {
        return start(name, tlsOptions, List.of("-run", "bench_dist", "main", mode, prefix, server));
    }

    private Child start(String name, Optional<Path> tlsOptions, List<String> run) {
        List<String> command = new ArrayList<>(List.of("erl", "-noshell", "-start_epmd", "false", "-sname", name,
                "-setcookie", cookie, "-pa", beams.dir().toString()));
        tlsOptions.ifPresent(file -> command.addAll(List.of("-proto_dist", "inet_tls", "-ssl_dist_optfile", file.toString())));
        command.addAll(run);
        return Child.start("erl " + name, command, Map.of("ERL_EPMD_PORT", Integer.toString(epmdPort)),
                logs.resolve(name.replace('@', '_') + ".stderr"));
    }
}
