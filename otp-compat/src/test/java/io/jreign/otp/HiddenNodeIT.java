package io.jreign.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jreign.otp.dist.DistFlags;
import io.jreign.otp.epmd.EpmdClient;
import io.jreign.otp.epmd.EpmdConfig;
import io.jreign.otp.epmd.EpmdServer;
import io.jreign.otp.epmd.NodeType;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.process.Proc;
import io.jreign.otp.testing.Erl;
import io.jreign.otp.testing.ErlPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A hidden jreign node ({@code OtpNodeConfig.withHidden(true)}): real erl nodes (OTP 25) see it in
 * {@code nodes(hidden)}, not in {@code nodes()}, whichever side connects, and their
 * {@code global} leaves it alone.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HiddenNodeIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String COOKIE = "jreign_hidden_it";

    @Test
    void erlangSeesAHiddenJavaNodeOnlyInNodesHidden() throws Exception {
        assumeTrue(Erl.available(), "erl is not installed");
        Path dir = Files.createTempDirectory("jreign-hidden-it");
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        Erl.compile("dist_peer", dir);
        try (EpmdServer epmd = EpmdServer.start(EpmdConfig.fromEnvironment(Map.of()).withPort(0));
                OtpNode java = OtpNode.start(OtpNodeConfig.of("jh" + suffix + "@localhost", COOKIE)
                        .withEpmdPort(epmd.port()).withHidden(true));
                ErlPeer dialled = ErlPeer.start(dir, "ea" + suffix + "@localhost", COOKIE, epmd.port(), "none");
                ErlPeer dialling = ErlPeer.start(dir, "eb" + suffix + "@localhost", COOKIE, epmd.port(), java.name());
                Proc self = java.newProc()) {
            assertEquals(NodeType.HIDDEN, new EpmdClient(EpmdConfig.fromEnvironment(Map.of()).withPort(epmd.port()))
                    .portPlease("jh" + suffix).orElseThrow().type(), "registered with EPMD as hidden");

            assertTrue(java.ping(dialled.node(), WAIT)); // Java dials
            for (ErlPeer erl : List.of(dialled, dialling)) {
                assertEquals(List.of(), erl.rpc(java, self, WAIT, "erlang", "nodes"), erl.node());
                assertEquals(List.of(Atom.of(java.name())), erl.rpc(java, self, WAIT, "erlang", "nodes", Atom.of("hidden")));
                assertEquals(Atom.of("pong"), erl.rpc(java, self, WAIT, "net_adm", "ping", Atom.of(java.name())));
                assertEquals(Atom.OK, erl.rpc(java, self, WAIT, "global", "sync"), "global does not wait for a hidden node");
                assertTrue((java.dist().peerFlags(erl.node()).orElseThrow() & DistFlags.PUBLISHED) != 0, "erl is visible");
            }
            assertTrue(java.global().sync(WAIT));
            assertEquals(Set.of(), java.global().syncedNodes());
        } finally {
            Erl.deleteTree(dir);
        }
    }
}
