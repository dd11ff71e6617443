package io.jreign.otp;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jreign.otp.etf.Atom;
import io.jreign.otp.process.Proc;
import io.jreign.otp.testing.Erl;
import io.jreign.otp.testing.ErlFixture;
import io.jreign.otp.testing.ErlPeer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * global's guard against overlapping partitions ({@code prevent_overlapping_partitions}, on by
 * default in OTP 25) between a jreign node J and two real erl nodes A and B, all connected and
 * synced. As in OTP 25's global.erl, a node that gets {@code {lost_connection, N1, _, _, N2}} asks
 * the one of N1 and N2 that is not itself to drop it ({@code {remove_connection, Self}}):
 * <ul>
 *   <li>A disconnects B: A and B each tell J; J asks B (about A's loss) and A (about B's) to drop
 *       it, so it ends in neither partition, and the erl nodes' {@code nodes()} agree;</li>
 *   <li>J drops A: B acts on J's {@code lost_connection} and has A disconnect from B, and on A's
 *       it has J drop B, which J does (B's name server is held until J has taken in its own
 *       nodedown, so that J's report goes out first; see the test).</li>
 * </ul>
 * The erl nodes are watched through a third, hidden erl node O (an {@code rpc:call} from O), so
 * that watching opens no visible connection; each erl node logs to a file, where global's
 * warnings show who asked whom.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GlobalPartitionIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String COOKIE = "jreign_partition_it";
    private static final String WHY = " in order to prevent overlapping partitions";
    private ErlFixture erls;
    private OtpNode java;
    private ErlPeer a;
    private ErlPeer b;
    private ErlPeer observer;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Erl.available(), "erl is not installed");
        erls = ErlFixture.start(COOKIE, "dist_peer");
        java = OtpNode.start(erls.javaNode("pj"));
        a = erl("pa", "none", logTo("pa"));
        b = erl("pb", a.node(), logTo("pb"));
        assertTrue(java.ping(a.node(), WAIT)); // global connects J to B too
        observer = erl("po", java.name(), "-hidden");
        try (Proc self = java.newProc()) {
            await().atMost(WAIT).until(() -> java.global().syncedNodes().equals(Set.of(a.node(), b.node())));
            for (ErlPeer erl : List.of(a, b)) {
                assertEquals(Atom.OK, on(self, erl, "global", "sync"));
            }
            assertEquals(Set.of(b.node(), java.name()), nodes(self, a));
            assertEquals(Set.of(a.node(), java.name()), nodes(self, b));
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (java != null) {
            java.close();
        }
        if (erls != null) {
            erls.close();
        }
    }

    private ErlPeer erl(String prefix, String ping, String... extraArgs) throws Exception {
        return erls.erl(prefix, ping, extraArgs);
    }

    /** erl flags that send the node's log (global's warnings) to {@code <prefix>.log}. */
    private String[] logTo(String prefix) {
        String file = erls.dir().resolve(prefix + ".log").toString();
        return new String[] {"-kernel", "logger",
                "[{handler,default,logger_std_h,#{config=>#{file=>\"" + file + "\"}}}]"};
    }

    private String log(ErlPeer erl) {
        return Erl.read(erls.dir().resolve(erl.node().substring(0, 2) + ".log"));
    }

    /** {@code rpc:call(Node, M, F, Args)} from the hidden observer. */
    private Object on(Proc self, ErlPeer erl, String module, String function, Object... args) {
        return observer.rpc(java, self, WAIT, "rpc", "call", Atom.of(erl.node()), Atom.of(module), Atom.of(function),
                List.of(args));
    }

    /** {@code nodes()} on {@code erl}. */
    private Set<String> nodes(Proc self, ErlPeer erl) {
        Set<String> nodes = new HashSet<>();
        for (Object node : (List<?>) on(self, erl, "erlang", "nodes")) {
            nodes.add(((Atom) node).name());
        }
        return nodes;
    }

    /** Waits for global's warning {@code 'global' at node <erl> <what> node <other> in order to ...} in erl's log. */
    private void awaitWarning(ErlPeer erl, String what, String other) {
        String line = "'global' at node " + erl.node() + " " + what + " node " + other + WHY;
        await().atMost(WAIT).untilAsserted(() -> {
            String log = log(erl);
            assertTrue(log.contains(line), "no \"" + line + "\" in the log of " + erl.node() + ":\n" + log);
        });
    }

    private Set<String> javaPeers() {
        Set<String> peers = new HashSet<>(java.dist().connectedNodes());
        peers.retainAll(Set.of(a.node(), b.node()));
        return peers;
    }

    @Test
    void erlDisconnectingErlMakesTheJavaNodeLeaveBothPartitions() {
        try (Proc self = java.newProc()) {
            assertEquals(Atom.TRUE, on(self, a, "erlang", "disconnect_node", Atom.of(b.node())));
            // A's {lost_connection, A, _, _, B}: J asks B to drop it; B's about A: J asks A. (B hears
            // of its loss of A long before J's request can reach it, so it tells J in time.)
            awaitWarning(b, "disconnected", java.name());
            awaitWarning(a, "disconnected", java.name());
            await().atMost(WAIT).until(() -> javaPeers().isEmpty());
            await().atMost(WAIT).until(() -> java.global().syncedNodes().isEmpty());
            assertEquals(Set.of(), nodes(self, a), "A is connected to neither B nor J");
            assertEquals(Set.of(), nodes(self, b), "B is connected to neither A nor J");
            assertEquals(Set.of(), javaPeers(), "nobody reconnected");
        }
    }

    @Test
    void erlActsOnTheLostConnectionTheJavaNodeSends() {
        try (Proc self = java.newProc()) {
            // B's name server is held until J has acted on its own loss of A, so that both reports
            // (J's of losing A, A's of losing J) are queued at B before B acts on either. Unheld,
            // B can act on J's first and have A drop B before A's own report leaves A (erl's
            // timing, which the test cannot steer), and then B never asks J to go.
            assertEquals(Atom.OK, on(self, b, "sys", "suspend", Atom.of("global_name_server")));
            java.dist().disconnect(a.node());
            await().atMost(WAIT).until(() -> !java.global().syncedNodes().contains(a.node()));
            assertEquals(Atom.OK, on(self, b, "sys", "resume", Atom.of("global_name_server")));

            // J's {lost_connection, J, _, _, A}: B asks A to drop it, and A disconnects from B
            awaitWarning(b, "requested disconnect from", a.node());
            awaitWarning(a, "disconnected", b.node());
            await().atMost(WAIT).until(() -> !nodes(self, b).contains(a.node()));
            // A's {lost_connection, A, _, _, J}: B asks J to drop it, and J disconnects from B
            awaitWarning(b, "requested disconnect from", java.name());
            await().atMost(WAIT).until(() -> javaPeers().isEmpty());
            await().atMost(WAIT).until(() -> java.global().syncedNodes().isEmpty());
            assertEquals(Set.of(), nodes(self, a), "A is connected to neither B nor J");
            assertEquals(Set.of(), nodes(self, b), "B is connected to neither A nor J");
        }
    }
}
