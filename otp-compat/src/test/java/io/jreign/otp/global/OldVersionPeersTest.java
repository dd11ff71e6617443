package io.jreign.otp.global;

import static io.jreign.otp.global.GlobalTerms.CANCEL_CONNECT;
import static io.jreign.otp.global.GlobalTerms.GET_KNOWN;
import static io.jreign.otp.global.GlobalTerms.INIT_CONNECT;
import static io.jreign.otp.global.GlobalTerms.INIT_CONNECT_ACK;
import static io.jreign.otp.global.GlobalTerms.LOCKER;
import static io.jreign.otp.global.GlobalTerms.LOST_CONNECTION;
import static io.jreign.otp.global.GlobalTerms.NEW_NODES;
import static io.jreign.otp.global.GlobalTerms.NO_LONGER_A_PID;
import static io.jreign.otp.global.GlobalTerms.REMOVE_CONNECTION;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.mailbox.NodeEvent;
import io.jreign.otp.OtpNode;
import io.jreign.otp.OtpNodeConfig;
import io.jreign.otp.epmd.EpmdConfig;
import io.jreign.otp.epmd.EpmdServer;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.Tuple;
import io.jreign.otp.global.ScriptedGlobal.Received;
import io.jreign.otp.process.Proc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a Java node's global does with peers of global protocol versions below 8, played by
 * scripted peers, against OTP 25's global.erl:
 * <ul>
 *   <li>a lost connection is told ({@code lost_connection}) only to known and pending nodes of
 *       version 7 and up ({@code gns_volatile_multicast(Msg, Lost, 7, true, S)});</li>
 *   <li>on another node's {@code lost_connection}, a node of version below 7 is disconnected
 *       directly, without a word; one of 7 and up gets the message passed on and then
 *       {@code {remove_connection, Self}}, and stays connected (it disconnects itself);</li>
 *   <li>a second {@code init_connect} while a sync is pending makes the Java node disconnect a
 *       peer below version 8, and restart the sync (two {@code cancel_connect}s, a new
 *       {@code init_connect}, its ack) with one of version 8.</li>
 * </ul>
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OldVersionPeersTest {
    private static final String COOKIE = "cookie";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private EpmdServer epmd;
    private OtpNode java;
    private Atom j;
    private String suffix;
    private final List<ScriptedGlobal> peers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        epmd = EpmdServer.start(EpmdConfig.fromEnvironment(Map.of()).withPort(0));
        suffix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36);
        java = OtpNode.start(OtpNodeConfig.of("vj" + suffix + "@localhost", COOKIE).withEpmdPort(epmd.port()));
        j = Atom.of(java.name());
    }

    @AfterEach
    void stop() throws Exception {
        for (ScriptedGlobal peer : peers) {
            peer.close();
        }
        if (java != null) {
            java.close();
        }
        if (epmd != null) {
            epmd.close();
        }
    }

    private ScriptedGlobal peer(String prefix) throws Exception {
        ScriptedGlobal peer = ScriptedGlobal.connect(java, prefix + suffix + "@localhost", COOKIE);
        peers.add(peer);
        return peer;
    }

    /** {@code from} tells the Java node it synced with {@code nodes} ({@code {Node, Vsn}}). */
    private static void newNodes(ScriptedGlobal from, Tuple... nodes) {
        from.cast(Tuple.of(NEW_NODES, from.node(), List.of(), List.of(), List.of((Object[]) nodes), List.of()));
    }

    private static Tuple known(ScriptedGlobal peer, long vsn) {
        return Tuple.of(peer.node(), vsn);
    }

    /** {@code peer} answers the Java node's init_connect with its own of version {@code vsn}; the Java node's tag. */
    private static Object initConnect(ScriptedGlobal peer, long vsn, Object tag) {
        Tuple init = peer.expect(m -> m.isCast(INIT_CONNECT)).cast();
        peer.cast(Tuple.of(INIT_CONNECT, Tuple.of(vsn, tag), peer.node(),
                Tuple.of(LOCKER, NO_LONGER_A_PID, List.of(), peer.locker())));
        return ((Tuple) init.get(1)).get(1);
    }

    private static boolean isLostConnection(Received m) {
        return m.isInfo(LOST_CONNECTION);
    }

    @Test
    void aLostConnectionIsToldOnlyToNodesOfVersion7AndUp() throws Exception {
        ScriptedGlobal lost = peer("vl");
        ScriptedGlobal k6 = peer("vk6");
        ScriptedGlobal k7 = peer("vk7");
        ScriptedGlobal q5 = peer("vq5");
        ScriptedGlobal q7 = peer("vq7");
        newNodes(lost, known(k6, 6), known(k7, 7), known(lost, 8)); // known nodes
        initConnect(q5, 5, 1L); // pending nodes
        initConnect(q7, 7, 1L);
        for (ScriptedGlobal peer : List.of(q5, q7)) {
            peer.call(GET_KNOWN);
        }
        assertEquals(Set.of(known(k6, 6), known(k7, 7), known(lost, 8)), Set.copyOf((List<?>) lost.call(GET_KNOWN).value()));

        lost.close();
        // {lost_connection, J, XCreation, OpId, Lost}, the same to each
        Tuple told = k7.expect(OldVersionPeersTest::isLostConnection).info();
        assertEquals(List.of(LOST_CONNECTION, j, lost.node()), List.of(told.get(0), told.get(1), told.get(4)));
        assertTrue(assertInstanceOf(Long.class, told.get(2)) >= 1L << 59, "creation extension + creation + 2^59: " + told);
        assertInstanceOf(Long.class, told.get(3));
        assertEquals(told, q7.expect(OldVersionPeersTest::isLostConnection).info(), "a pending node of version 7");
        for (ScriptedGlobal old : List.of(k6, q5)) {
            ScriptedGlobal.Reply reply = old.call(GET_KNOWN); // answered after the nodedown was handled
            assertFalse(reply.before().stream().anyMatch(OldVersionPeersTest::isLostConnection), old.name() + " is told nothing");
            assertEquals(Set.of(known(k6, 6), known(k7, 7)), Set.copyOf((List<?>) reply.value()));
        }
    }

    @Test
    void anOldNodeIsDisconnectedDirectlyAndANewOneIsAskedToGo() throws Exception {
        ScriptedGlobal a = peer("va");
        ScriptedGlobal old = peer("vo6");
        ScriptedGlobal n7 = peer("vn7");
        Proc watcher = java.newProc();
        java.node().monitorNodes(watcher.self());
        newNodes(a, known(old, 6), known(n7, 7), known(a, 7));
        assertEquals(3, ((List<?>) a.call(GET_KNOWN).value()).size());

        // A lost the old node: the Java node passes it on to 7 and up (not A) and cuts the old one off
        Tuple lostOld = Tuple.of(LOST_CONNECTION, a.node(), 1L, 1L, old.node());
        a.info(lostOld);
        assertEquals(lostOld, n7.expect(OldVersionPeersTest::isLostConnection).info());
        List<Received> toOld = old.upTo(m -> m == ScriptedGlobal.CLOSED);
        assertFalse(toOld.stream().anyMatch(m -> m.isInfo(REMOVE_CONNECTION) || isLostConnection(m)),
                "disconnected without a word: " + toOld);
        // the nodedown reaches the name server as it reaches us (one loop, in microseconds), before
        // N7's call can: the call is answered after the nodedown was handled
        watcher.receive(NodeEvent.Down.class, d -> d.node().name().equals(old.name()), WAIT).orElseThrow();
        java.node().demonitorNodes(watcher.self());
        watcher.close();
        ScriptedGlobal.Reply afterOld = n7.call(GET_KNOWN);
        assertEquals(Set.of(known(n7, 7), known(a, 7)), Set.copyOf((List<?>) afterOld.value()));
        assertFalse(afterOld.before().stream().anyMatch(OldVersionPeersTest::isLostConnection),
                "the Java node asked for that disconnect: it tells nobody it lost the old node");

        // A lost N7: N7 gets the message passed on, then {remove_connection, J}, and stays connected
        Tuple lostNew = Tuple.of(LOST_CONNECTION, a.node(), 1L, 2L, n7.node());
        a.info(lostNew);
        List<Object> toNew = n7.upTo(m -> m.isInfo(REMOVE_CONNECTION)).stream()
                .filter(m -> isLostConnection(m) || m.isInfo(REMOVE_CONNECTION)).map(m -> (Object) m.info()).toList();
        assertEquals(List.of(lostNew, Tuple.of(REMOVE_CONNECTION, j)), toNew);
        assertEquals(List.of(known(a, 7)), n7.call(GET_KNOWN).value(), "still connected, and forgotten");
        assertTrue(java.dist().connectedNodes().contains(n7.name()));
    }

    @Test
    void aSecondInitConnectDisconnectsAPeerBelowVersion8() throws Exception {
        ScriptedGlobal s7 = peer("vs7");
        initConnect(s7, 7, 1L);
        s7.call(GET_KNOWN); // its sync is pending now
        s7.cast(Tuple.of(INIT_CONNECT, Tuple.of(7L, 2L), s7.node(), Tuple.of(LOCKER, NO_LONGER_A_PID, List.of(), s7.locker())));
        List<Received> last = s7.upTo(m -> m == ScriptedGlobal.CLOSED);
        assertFalse(last.stream().anyMatch(m -> m.isInfo(CANCEL_CONNECT) || m.isCast(INIT_CONNECT)),
                "no restart for an old node: " + last);
        await().atMost(WAIT).until(() -> !java.dist().connectedNodes().contains(s7.name()));
    }

    @Test
    void aSecondInitConnectRestartsTheSyncWithAPeerOfVersion8() throws Exception {
        ScriptedGlobal s8 = peer("vs8");
        Object myTag = initConnect(s8, 8, 1L);
        assertTrue(s8.call(GET_KNOWN).before().stream().anyMatch(m -> Tuple.of(INIT_CONNECT_ACK, j, 1L, myTag).equals(m.info())));
        s8.cast(Tuple.of(INIT_CONNECT, Tuple.of(8L, 2L), s8.node(), Tuple.of(LOCKER, NO_LONGER_A_PID, List.of(), s8.locker())));
        List<Object> restart = s8.call(GET_KNOWN).before().stream()
                .filter(m -> m.isInfo(CANCEL_CONNECT) || m.isCast(INIT_CONNECT) || m.isInfo(INIT_CONNECT_ACK))
                .map(m -> (Object) (m.cast() != null ? m.cast() : m.info())).toList();
        assertEquals(4, restart.size(), restart.toString());
        // cancel the new attempt, cancel ours (the old tags), start again, ack the new one
        assertEquals(Tuple.of(CANCEL_CONNECT, j, 2L), restart.get(0));
        assertEquals(Tuple.of(CANCEL_CONNECT, j, 1L), restart.get(1));
        Tuple init = (Tuple) restart.get(2);
        Object newTag = ((Tuple) init.get(1)).get(1);
        assertEquals(Tuple.of(8L, newTag), init.get(1));
        assertNotEquals(myTag, newTag);
        assertEquals(Tuple.of(INIT_CONNECT_ACK, j, 2L, newTag), restart.get(3));
        assertTrue(java.dist().connectedNodes().contains(s8.name()));
    }
}
