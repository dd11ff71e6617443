package io.jreign.bench.echo;

import io.jreign.bench.remote.Child;
import io.jreign.bench.remote.Pki;
import io.jreign.bench.remote.RemoteJvm;
import io.jreign.bench.remote.TempDir;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The raw round-trip baselines' two ends: {@link EchoPeerMain} in a peer JVM with node b's
 * certificate, and a client for each of its servers here with node a's, all from certtool's
 * library ({@link Pki}) as the cluster benchmark's. {@link #close} stops everything.
 */
public final class EchoPeer implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final TempDir dir = TempDir.create("echo");
    private Child peer;
    private EchoClient nettyTls;
    private EchoClient jdkTls;
    private EchoClient tcp;
    private String provider;

    private EchoPeer() {}

    /** Starts the peer and connects the three clients. */
    public static EchoPeer start() {
        EchoPeer echo = new EchoPeer();
        try {
            echo.open();
            return echo;
        } catch (Exception e) {
            echo.close();
            throw new IllegalStateException("cannot start the echo peer: " + e.getMessage(), e);
        }
    }

    private void open() throws Exception {
        Map<String, Integer> members = new LinkedHashMap<>();
        members.put("a", 7400); // the spec file is not used here; the ports only have to be valid
        members.put("b", 7401);
        Pki pki = Pki.write(dir.path(), "jreign-bench-echo", members);
        peer = Child.start("echo peer", RemoteJvm.command(EchoPeerMain.class, List.of(pki.certificate("b").toString(),
                pki.key("b").toString(), pki.caCertificate().toString())), Map.of(), dir.resolve("echo-peer.stderr"));
        String[] ready = peer.awaitLine("READY ", WAIT).split(" ");
        provider = ready[3];
        nettyTls = new NettyEchoClient(pki.certificate("a"), pki.key("a"), pki.caCertificate(), Integer.parseInt(ready[0]));
        jdkTls = SocketEchoClient.tls(pki.sslContext("a"), Integer.parseInt(ready[1]));
        tcp = SocketEchoClient.tcp(Integer.parseInt(ready[2]));
    }

    /** Netty, TLS 1.3 with the cluster's TLS implementation: the cluster round trip's baseline. */
    public EchoClient nettyTls() {
        return nettyTls;
    }

    /** Blocking JDK SSLSocket, TLS 1.3. */
    public EchoClient jdkTls() {
        return jdkTls;
    }

    /** Blocking plain TCP socket. */
    public EchoClient tcp() {
        return tcp;
    }

    /** The Netty TLS implementation in use, OPENSSL or JDK. */
    public String provider() {
        return provider;
    }

    @Override
    public void close() {
        for (EchoClient client : new EchoClient[] {nettyTls, jdkTls, tcp}) {
            if (client != null) {
                client.close();
            }
        }
        try {
            if (peer != null) {
                peer.close();
            }
        } finally {
            dir.close();
        }
    }
}
