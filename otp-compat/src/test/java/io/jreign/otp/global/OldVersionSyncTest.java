package io.jreign.otp.global;

import static io.jreign.otp.global.GlobalTerms.EXCHANGE;
import static io.jreign.otp.global.GlobalTerms.GET_KNOWN;
import static io.jreign.otp.global.GlobalTerms.GLOBAL;
import static io.jreign.otp.global.GlobalTerms.INIT_CONNECT;
import static io.jreign.otp.global.GlobalTerms.INIT_CONNECT_ACK;
import static io.jreign.otp.global.GlobalTerms.LOCK;
import static io.jreign.otp.global.GlobalTerms.LOCKER;
import static io.jreign.otp.global.GlobalTerms.LOCK_SET;
import static io.jreign.otp.global.GlobalTerms.NEW_NODES;
import static io.jreign.otp.global.GlobalTerms.NO_LONGER_A_PID;
import static io.jreign.otp.global.GlobalTerms.RESOLVED;
import static io.jreign.otp.global.GlobalTerms.UNUSED;
import static io.jreign.otp.global.GlobalTerms.VSN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.mailbox.Address;
import io.jreign.otp.OtpNode;
import io.jreign.otp.OtpNodeConfig;
import io.jreign.otp.epmd.EpmdConfig;
import io.jreign.otp.epmd.EpmdServer;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.Tuple;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A Java node's global syncs with a scripted peer S that speaks an older protocol version (or a
 * newer one), while two nodes it knows, K6 and K7 (versions 6 and 7), look on. Each step sends S
 * exactly what OTP 25's global.erl sends a peer of that version:
 * <ul>
 *   <li>the version used with S is S's own below 8, else 8 ({@code init_connect} with
 *       {@code {Vsn, Tag}}), and 8 for a longer version tuple whatever it says;</li>
 *   <li>{@code init_connect_ack} only to S's own version 8 and up;</li>
 *   <li>{@code lock_set} without the tag below 8, and to S's locker itself (not its name server)
 *       below 6;</li>
 *   <li>the known list in {@code resolved} as bare node names when S's own version is below 7;</li>
 *   <li>{@code new_nodes} to the nodes known before: {@code {Node, Vsn}} pairs to K7, bare node
 *       names to K6; its extra info names the version used with S.</li>
 * </ul>
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OldVersionSyncTest {
    private static final String COOKIE = "cookie";
    private static final Long TAG_S = 77L;
    private EpmdServer epmd;
    private OtpNode java;
    private String suffix;
    private ScriptedGlobal k6;
    private ScriptedGlobal k7;
    private ScriptedGlobal s;

    @BeforeEach
    void start() throws Exception {
        epmd = EpmdServer.start(EpmdConfig.fromEnvironment(Map.of()).withPort(0));
        suffix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36);
        java = OtpNode.start(OtpNodeConfig.of("oj" + suffix + "@localhost", COOKIE).withEpmdPort(epmd.port()));
        k6 = ScriptedGlobal.connect(java, "ok6" + suffix + "@localhost", COOKIE);
        k7 = ScriptedGlobal.connect(java, "ok7" + suffix + "@localhost", COOKIE);
        // K7 tells the Java node of both (as after a sync of K7's)
        k7.cast(Tuple.of(NEW_NODES, k7.node(), List.of(), List.of(),
                List.of(Tuple.of(k6.node(), 6L), Tuple.of(k7.node(), 7L)), List.of()));
        assertEquals(Set.of(Tuple.of(k6.node(), 6L), Tuple.of(k7.node(), 7L)),
                Set.copyOf((List<?>) k7.call(GET_KNOWN).value()));
    }

    @AfterEach
    void stop() throws Exception {
        for (ScriptedGlobal peer : new ScriptedGlobal[] {s, k6, k7}) {
            if (peer != null) {
                peer.close();
            }
        }
        if (java != null) {
            java.close();
        }
        if (epmd != null) {
            epmd.close();
        }
    }

    @ParameterizedTest(name = "S sends version {0} (a longer tuple: {1}); the Java node uses {2}")
    @CsvSource({"5, false, 5", "6, false, 6", "7, false, 7", "9, false, 8", "5, true, 8"})
    void syncsWithAPeerOfVersion(long hisVsn, boolean longerTuple, long used) throws Exception {
        s = ScriptedGlobal.connect(java, "os" + suffix + "@localhost", COOKIE);
        Atom j = Atom.of(java.name());
        // {init_connect, {8, TagJ}, J, {locker, no_longer_a_pid, Known, LockerJ}}
        Tuple init = s.expect(m -> m.isCast(INIT_CONNECT)).cast();
        Tuple jVsn = (Tuple) init.get(1);
        assertEquals(8L, jVsn.get(0));
        Object tagJ = jVsn.get(1);
        assertEquals(j, init.get(2));
        Tuple jLockerInfo = (Tuple) init.get(3);
        assertEquals(List.of(LOCKER, NO_LONGER_A_PID), List.of(jLockerInfo.get(0), jLockerInfo.get(1)));
        assertEquals(Map.of(k6.node(), 6L, k7.node(), 7L), jLockerInfo.get(2));
        Address jLocker = (Address) jLockerInfo.get(3);

        Tuple sVsn = longerTuple ? Tuple.of(hisVsn, TAG_S, Atom.of("more")) : Tuple.of(hisVsn, TAG_S);
        s.cast(Tuple.of(INIT_CONNECT, sVsn, s.node(), Tuple.of(LOCKER, NO_LONGER_A_PID, List.of(), s.locker())));
        List<Object> acks = s.call(GET_KNOWN).before().stream().filter(m -> m.isInfo(INIT_CONNECT_ACK))
                .map(m -> (Object) m.info()).toList();
        assertEquals(hisVsn >= 8 ? List.of(Tuple.of(INIT_CONNECT_ACK, j, TAG_S, tagJ)) : List.of(), acks,
                "init_connect_ack only to version 8 and up");

        // S's locker picked J: its lock_set in S's own form; J's locker answers in the used one's
        Tuple sLockSet = hisVsn < 8 ? Tuple.of(LOCK_SET, s.locker(), Atom.TRUE, List.of())
                : Tuple.of(LOCK_SET, s.locker(), Atom.TRUE, List.of(), tagJ);
        if (hisVsn < 6) {
            s.send(jLocker, sLockSet);
        } else {
            s.cast(sLockSet);
        }
        ScriptedGlobal.Received answer = s.expect(m -> m.sentTo(s.locker()) != null || m.isCast(LOCK_SET));
        Tuple lockSet = (Tuple) (used < 6 ? answer.sentTo(s.locker()) : answer.cast());
        assertNotNull(lockSet, "lock_set " + (used < 6 ? "to S's locker" : "cast to S's name server") + ": " + answer);
        assertEquals(used < 8 ? 4 : 5, lockSet.size(), lockSet.toString());
        assertEquals(List.of(LOCK_SET, jLocker, Atom.TRUE), List.of(lockSet.get(0), lockSet.get(1), lockSet.get(2)));
        assertEquals(Set.of(k6.node(), k7.node()), Set.copyOf((List<?>) lockSet.get(3)));
        if (used >= 8) {
            assertEquals(TAG_S, lockSet.get(4));
        }

        assertEquals(Tuple.of(EXCHANGE, j, List.of(), List.of(), TAG_S), s.expect(m -> m.isCast(EXCHANGE)).cast());
        s.cast(Tuple.of(EXCHANGE, s.node(), List.of(), List.of(), tagJ));
        // {resolved, J, Resolved, Known, unused, NamesExt, TagS}; Known by S's own version (node_vsn)
        Tuple resolved = s.expect(m -> m.isCast(RESOLVED)).cast();
        assertEquals(List.of(RESOLVED, j, List.of()), List.of(resolved.get(0), resolved.get(1), resolved.get(2)));
        assertEquals(hisVsn < 7 ? Set.of(k6.node(), k7.node()) : Set.of(Tuple.of(k6.node(), 6L), Tuple.of(k7.node(), 7L)),
                Set.copyOf((List<?>) resolved.get(3)));
        assertEquals(List.of(UNUSED, List.of(), TAG_S), List.of(resolved.get(4), resolved.get(5), resolved.get(6)));
        s.cast(Tuple.of(RESOLVED, s.node(), List.of(), List.of(), UNUSED, List.of(), tagJ));

        // {new_nodes, J, Ops, NamesExt, Nodes, [{vsn, Used}, {lock, LockId}]}; the lock id is
        // {global, lists:sort([LockerJ, LockerS])}, and ERTS orders pids by number before node:
        // S's locker, <S.2.0>, comes first
        assertTrue(jLocker.id() > s.locker().id(), jLocker.toString());
        Tuple lockId = Tuple.of(GLOBAL, List.of(s.locker(), jLocker));
        List<Tuple> extraInfo = List.of(Tuple.of(VSN, used), Tuple.of(LOCK, lockId));
        assertEquals(Tuple.of(NEW_NODES, j, List.of(), List.of(), List.of(Tuple.of(s.node(), hisVsn)), extraInfo),
                k7.expect(m -> m.isCast(NEW_NODES)).cast());
        assertEquals(Tuple.of(NEW_NODES, j, List.of(), List.of(), List.of(s.node()), extraInfo),
                k6.expect(m -> m.isCast(NEW_NODES)).cast(), "bare node names for a version 6 node");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> java.global().syncedNodes().contains(s.name()));
    }
}
