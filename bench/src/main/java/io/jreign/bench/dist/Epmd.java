package io.jreign.bench.dist;

import io.jreign.bench.remote.Ports;
import io.jreign.otp.epmd.EpmdConfig;
import io.jreign.otp.epmd.EpmdServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * A private EPMD for the benchmark's nodes, Java and erl alike (erl nodes run with
 * {@code -start_epmd false} and {@code ERL_EPMD_PORT}, so none leaves an epmd daemon behind): the
 * port of {@code ERL_EPMD_PORT} when set ({@code bench/compare} picks one per run), else a free
 * one; otp-compat's embedded EPMD serves it unless an EPMD already answers there.
 */
public final class Epmd implements AutoCloseable {
    private final int port;
    private final Optional<EpmdServer> embedded;

    private Epmd(int port, Optional<EpmdServer> embedded) {
        this.port = port;
        this.embedded = embedded;
    }

    public static Epmd open() {
        String variable = System.getenv(EpmdConfig.PORT_VARIABLE);
        int port = variable != null && !variable.isBlank() ? Integer.parseInt(variable.strip()) : Ports.free(1)[0];
        try {
            return new Epmd(port, EpmdServer.startIfAbsent(EpmdConfig.defaults().withPort(port)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start an EPMD on port " + port, e);
        }
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        embedded.ifPresent(EpmdServer::close);
    }
}
