package io.jreign.otp.etf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.NodeId;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Java-only round trips of seeded random terms: decode(encode(t)) equals t, and encoding the
 * decoded copy gives the same bytes. Replay one with -Detf.seed=SEED -Detf.count=1.
 */
class EtfRoundTripTest {
    private static final long BASE = Long.getLong("etf.seed", 0x5EED_0001L);
    private static final int COUNT = Integer.getInteger("etf.count", 2000);

    @Test
    void randomTermsRoundTrip() {
        EtfCodec codec = EtfCodec.builder().atomTable(AtomTable.bounded(1_000_000)).build();
        EtfCodec compressing = codec.toBuilder().compressed(6).build();
        for (int i = 0; i < COUNT; i++) {
            long seed = BASE + i;
            Object term = new TermGenerator(seed).term(4);
            String replay = "seed " + seed + " (replay with -Detf.seed=" + seed + " -Detf.count=1)";
            byte[] wire = codec.encode(term);
            Object back = codec.decode(wire);
            assertEquals(term, back, replay);
            assertArrayEquals(wire, codec.encode(back), replay);
            assertEquals(term, codec.decode(ByteBuffer.wrap(wire)), replay);
            assertEquals(term, codec.decode(compressing.encode(term)), replay);
        }
    }

    @Test
    void addressesComeFromTheFactory() {
        NodeId node = new NodeId("n@h", 9);
        Address bound = Address.of(node, 1);
        EtfCodec codec = EtfCodec.builder().addressFactory((n, id) -> bound).build();
        assertEquals(bound, codec.decode(Etf.encode(Address.of(node, 1))));
    }

    @Test
    void convenienceTypesEncodeAsTheirTerms() {
        assertArrayEquals(Etf.encode(List.of(Binary.utf8("a"), Atom.TRUE, 1L, 2.5)),
                Etf.encode(List.of("a", true, 1, 2.5f)));
        assertArrayEquals(Etf.encode(Map.of(Atom.of("RED"), 1L)), Etf.encode(Map.of(RecordMappingTest.Color.RED, 1)));
        assertEquals(Binary.utf8("x"), Etf.decode(Etf.encode("x")));
        assertEquals("x", Etf.codec().decode(Etf.encode("x"), String.class));
        assertEquals(5, Etf.codec().decode(Etf.encode(5), int.class));
    }

    @Test
    void closeReasonsEncodeAsErlangExitReasons() {
        assertArrayEquals(Etf.encode(Atom.of("normal")), Etf.encode(io.jreign.mailbox.Reason.NORMAL));
        assertArrayEquals(Etf.encode(Atom.of("noconnection")), Etf.encode(io.jreign.mailbox.Reason.NO_CONNECTION));
        assertArrayEquals(Etf.encode(Atom.of("noproc")), Etf.encode(io.jreign.mailbox.Reason.NO_PROC));
        assertArrayEquals(Etf.encode(Atom.of("killed")), Etf.encode(io.jreign.mailbox.Reason.KILLED));
        assertArrayEquals(Etf.encode(Atom.of("shutdown")), Etf.encode(io.jreign.mailbox.Reason.SHUTDOWN));
    }
}
