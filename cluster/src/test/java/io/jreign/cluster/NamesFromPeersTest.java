package io.jreign.cluster;

import static io.jreign.cluster.TwoNodesTest.WAIT;
import static io.jreign.cluster.TwoNodesTest.awaitConnected;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.cluster.internal.Frame;
import io.jreign.cluster.internal.FrameEncoder;
import io.jreign.mailbox.Address;
import io.jreign.mailbox.Mailbox;
import io.jreign.mailbox.NodeId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names frames from an authenticated peer driven by hand (member c, with its real certificate):
 * the node's own sync comes first, a flood of claims is held to {@code limits.maxNamesPerNode},
 * and malformed or misplaced names frames close the connection with the reason logged.
 */
class NamesFromPeersTest {
    private static final long C_RUN = 777;

    @TempDir
    Path dir;
    TestCluster cluster;
    ClusterNode a;
    ClusterNode b;
    LogCapture log;

    @BeforeEach
    void setUp() {
        cluster = new TestCluster(dir, "a", "b", "c");
        cluster.limits("""
                {"maxFrameSize": "1MiB", "outboundQueue": "4MiB", "maxNamesPerNode": 100}""");
        a = cluster.start("a");
        b = cluster.start("b");
        awaitConnected(a, b);
        log = LogCapture.of("io.jreign.cluster");
    }

    @AfterEach
    void tearDown() {
        log.close();
        cluster.close();
    }

    private static Frame.Claim claim(long id, String name) {
        return new Frame.Claim(id, name);
    }

    /** How many of c's claims node a holds among {@code names}. */
    private int claimsOfC(List<String> names) {
        int count = 0;
        for (String name : names) {
            count += (int) a.node().names().lookupAll(name).stream().filter(x -> x.node().name().equals("c")).count();
        }
        return count;
    }

    @Test
    void theNodeSyncsFirstAndAFloodOfClaimsIsHeldToTheLimit() throws Exception {
        Mailbox onA = a.node().newMailbox();
        a.node().names().register("on-a", onA.address());
        try (RawPeer.Joined c = RawPeer.join(cluster, a, "c", C_RUN)) {
            Frame.NameSync sync = assertInstanceOf(Frame.NameSync.class, c.peer().next(WAIT), "the sync comes first");
            assertTrue(sync.first() && sync.last());
            assertEquals(List.of(claim(onA.address().id(), "on-a")), sync.claims());

            // 160 claims in a sync of two parts: 100 are kept
            List<String> flood = IntStream.range(0, 160).mapToObj(i -> "flood-" + i).toList();
            c.peer().send(new Frame.NameSync(true, false, IntStream.range(0, 80).mapToObj(i -> claim(i, flood.get(i))).toList()));
            c.peer().send(new Frame.NameSync(false, true, IntStream.range(80, 160).mapToObj(i -> claim(i, flood.get(i))).toList()));
            await().atMost(WAIT).until(() -> claimsOfC(flood) == 100);
            NodeId cRun = new NodeId("c", C_RUN);
            assertEquals(List.of(Address.of(cRun, 0)), a.node().names().lookupAll("flood-0"));
            assertEquals(List.of(), a.node().names().lookupAll("flood-100"), "past the limit");

            // releasing claims it never made frees no room; releasing one it made frees one
            List<Frame.Change> changes = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                changes.add(new Frame.Change(false, 1_000 + i, "never-" + i));
            }
            for (int i = 0; i < 50; i++) {
                changes.add(new Frame.Change(true, 2_000 + i, "more-" + i));
            }
            changes.add(new Frame.Change(false, 0, "flood-0"));
            changes.add(new Frame.Change(true, 3_000, "late"));
            c.peer().send(new Frame.NameChanges(changes));
            await().atMost(WAIT).until(() -> a.node().names().lookup("late").isPresent());
            assertEquals(Optional.empty(), a.node().names().lookup("flood-0"));
            assertEquals(0, claimsOfC(IntStream.range(0, 50).mapToObj(i -> "more-" + i).toList()));
            assertEquals(99, claimsOfC(flood));
            assertTrue(log.has("holds more than limits.maxNamesPerNode = 100 names"), log.lines().toString());
            assertTrue(a.connected("c").isPresent(), "a flood is not a protocol error: the connection stays");
            assertEquals(Optional.empty(), b.node().names().lookup("late"), "c's claims are c's business with each node");
        }
        await().atMost(WAIT).until(() -> a.node().names().lookupAll("late").isEmpty());
        assertEquals(0, claimsOfC(List.of("flood-1", "flood-99")), "gone with the connection");
    }

    private static ByteBuf raw(int type, Supplier<ByteBuf> body) {
        ByteBuf content = body.get();
        ByteBuf frame = Unpooled.buffer().writeInt(1 + content.readableBytes()).writeByte(type).writeBytes(content);
        content.release();
        return frame;
    }

    private static ByteBuf encoded(Frame frame) {
        ByteBuf out = Unpooled.buffer();
        FrameEncoder.write(frame, out);
        return out;
    }

    private static ByteBuf name(ByteBuf out, byte[] name) {
        return out.writeShort(name.length).writeBytes(name);
    }

    private record Bad(String reason, boolean syncFirst, Supplier<ByteBuf> bytes) {}

    @Test
    void malformedOrMisplacedNamesFramesCloseTheConnectionWithTheReasonLogged() throws Exception {
        byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
        Frame.NameSync emptySync = new Frame.NameSync(true, true, List.of());
        List<Bad> bad = List.of(
                new Bad("NameSync part flags 4", false,
                        () -> raw(Frame.NAME_SYNC, () -> Unpooled.buffer().writeByte(4).writeInt(0))),
                new Bad("NameSync declares 1000 names but only 13 bytes remain", false,
                        () -> raw(Frame.NAME_SYNC, () -> name(Unpooled.buffer().writeByte(3).writeInt(1000).writeLong(1), ok).writeByte(0))),
                new Bad("name of 0 bytes; names have 1 to 255", false,
                        () -> raw(Frame.NAME_SYNC, () -> name(Unpooled.buffer().writeByte(3).writeInt(1).writeLong(1), new byte[0]).writeZero(10))),
                new Bad("name of 300 bytes; names have 1 to 255", false,
                        () -> raw(Frame.NAME_SYNC, () -> name(Unpooled.buffer().writeByte(3).writeInt(1).writeLong(1), new byte[300]))),
                new Bad("name is not well-formed UTF-8", false,
                        () -> raw(Frame.NAME_SYNC, () -> name(Unpooled.buffer().writeByte(3).writeInt(1).writeLong(1),
                                new byte[] {(byte) 0xC3, 0x28}))),
                new Bad("NameChanges entry of kind 7", true,
                        () -> raw(Frame.NAME_CHANGES, () -> name(Unpooled.buffer().writeInt(1).writeByte(7).writeLong(1), ok))),
                new Bad("NameChanges with no change in it", true,
                        () -> raw(Frame.NAME_CHANGES, () -> Unpooled.buffer().writeInt(0))),
                new Bad("NameChanges before the NameSync is complete", false,
                        () -> encoded(new Frame.NameChanges(List.of(new Frame.Change(true, 1, "early"))))),
                new Bad("a NameSync part without its first part", false,
                        () -> encoded(new Frame.NameSync(false, true, List.of(claim(1, "x"))))),
                new Bad("a NameSync first part while the previous sync is not finished", false,
                        () -> {
                            ByteBuf two = encoded(new Frame.NameSync(true, false, List.of(claim(1, "x"))));
                            FrameEncoder.write(new Frame.NameSync(true, true, List.of()), two);
                            return two;
                        }));
        for (Bad each : bad) {
            long errorsBefore = a.stats().protocolErrors();
            try (RawPeer.Joined c = RawPeer.join(cluster, a, "c", C_RUN)) {
                assertInstanceOf(Frame.NameSync.class, c.peer().next(WAIT));
                if (each.syncFirst()) {
                    c.peer().send(emptySync);
                }
                c.peer().sendRaw(each.bytes().get());
                assertTrue(c.peer().awaitClosed(WAIT), "a closed the connection: " + each.reason());
            }
            await().atMost(WAIT).until(() -> a.stats().protocolErrors() == errorsBefore + 1);
            await().atMost(WAIT).until(() -> log.has("closing connection with c (127.0.0.1:", each.reason()));
            await().atMost(WAIT).until(() -> a.connected("c").isEmpty());
        }
        assertEquals(List.of(), a.node().names().lookupAll("x"), "nothing of a broken sync was applied");
        try (Mailbox onB = b.node().newMailbox()) {
            a.node().bind(onB.address()).send("still serving");
            assertEquals("still serving", onB.receive(WAIT).orElseThrow());
        }
    }
}
