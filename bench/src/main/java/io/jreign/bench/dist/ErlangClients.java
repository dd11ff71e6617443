package io.jreign.bench.dist;

import io.jreign.bench.remote.Child;
import io.jreign.bench.remote.Pki;
import io.jreign.bench.remote.RemoteJvm;
import io.jreign.bench.remote.TempDir;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workloads whose caller is an erl node running {@code bench_dist.erl}, with the server it
 * calls: another erl node ({@code bench_dist_server.erl}) over plain or TLS distribution, or the
 * Java node of {@link DistPeerMain}. The client's {@code RESULT} lines go to {@code out}.
 * <ul>
 *   <li>{@code erldist_plain_*}: erl→erl over plain distribution (the DIST rows' baseline and
 *       the cluster table's "Erlang dist" column);</li>
 *   <li>{@code erldist_tls_*}: erl→erl over TLS distribution ({@code -proto_dist inet_tls}) with
 *       certtool's keys (the cluster's throughput targets' baseline);</li>
 *   <li>{@code erl_to_java_*}: erl→Java over plain distribution;</li>
 *   <li>{@code erl_to_java_hosted_*}: the same against a Java node with hosted processes.</li>
 * </ul>
 */
public final class ErlangClients {
    static final Duration CLIENT_TIMEOUT = Duration.ofMinutes(5);

    private ErlangClients() {}

    /** erl→erl, over TLS distribution when {@code tls}. */
    public static void erlToErl(String mode, boolean tls, Beams beams, PrintStream out) {
        try (TempDir dir = TempDir.create("erl"); Epmd epmd = Epmd.open()) {
            ErlNode erl = new ErlNode(beams, epmd.port(), DistPair.COOKIE, dir.path());
            Optional<Path> serverTls = Optional.empty();
            Optional<Path> clientTls = Optional.empty();
            if (tls) {
                Map<String, Integer> members = new LinkedHashMap<>();
                members.put("a", 7400); // only the certificates are used; the spec's ports have to be valid
                members.put("b", 7401);
                Pki pki = Pki.write(dir.resolve("pki"), "jreign-bench-erl", members);
                serverTls = Optional.of(DistTls.write(pki, "b", dir.resolve("b-dist.conf")));
                clientTls = Optional.of(DistTls.write(pki, "a", dir.resolve("a-dist.conf")));
            }
            String suffix = Long.toString(ProcessHandle.current().pid());
            String server = "jrbench_srv" + suffix + "@localhost";
            try (Child serverNode = erl.server(server, serverTls)) {
                run(erl.client("jrbench_cli" + suffix + "@localhost", clientTls, mode,
                        tls ? "erldist_tls" : "erldist_plain", server), out);
            }
        }
    }

    /** erl→Java: the Java node in a peer JVM, then again with the Java node's processes hosted. */
    public static void erlToJava(String mode, Beams beams, PrintStream out) {
        erlToJava(mode, beams, out, false);
        erlToJava(mode, beams, out, true);
    }

    private static void erlToJava(String mode, Beams beams, PrintStream out, boolean hosted) {
        try (TempDir dir = TempDir.create("erl-java"); Epmd epmd = Epmd.open()) {
            ErlNode erl = new ErlNode(beams, epmd.port(), DistPair.COOKIE, dir.path());
            String suffix = Long.toString(ProcessHandle.current().pid());
            String java = "jrbench_java" + suffix + "@localhost";
            try (Child javaNode = Child.start("java dist peer", RemoteJvm.command(DistPeerMain.class,
                    List.of(java, DistPair.COOKIE, Integer.toString(epmd.port()), hosted ? "hosted" : "pooled")), Map.of(),
                    dir.resolve("java-peer.stderr"))) {
                javaNode.awaitLine("READY", DistPair.WAIT);
                run(erl.client("jrbench_cli" + suffix + "@localhost", Optional.empty(), mode,
                        hosted ? "erl_to_java_hosted" : "erl_to_java", java), out);
            }
        }
    }

    private static void run(Child client, PrintStream out) {
        try (client) {
            List<String> results = client.awaitExit(CLIENT_TIMEOUT).stream().filter(line -> line.startsWith("RESULT ")).toList();
            if (results.isEmpty()) {
                throw new IllegalStateException(client + " printed no RESULT line");
            }
            results.forEach(out::println);
            out.flush();
        }
    }
}
