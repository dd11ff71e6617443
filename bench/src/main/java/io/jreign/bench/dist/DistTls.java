package io.jreign.bench.dist;

import io.jreign.bench.remote.Pki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code -ssl_dist_optfile} of an erl node on TLS distribution: the node's certtool key and
 * certificate, the cluster CA as the only trust anchor, TLS 1.3 only, peer certificates required
 * in both directions: the same terms as the jreign cluster's.
 */
final class DistTls {
    private DistTls() {}

    /** Writes node {@code node}'s options file to {@code file}. */
    static Path write(Pki pki, String node, Path file) {
        String common = "{certfile, %s}, {keyfile, %s}, {cacertfile, %s}, {verify, verify_peer}, {versions, ['tlsv1.3']}"
                .formatted(string(pki.certificate(node)), string(pki.key(node)), string(pki.caCertificate()));
        String terms = "[{server, [" + common + ", {fail_if_no_peer_cert, true}]},\n {client, [" + common + "]}].\n";
        try {
            return Files.writeString(file, terms);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** An Erlang string literal. */
    private static String string(Path path) {
        return '"' + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
