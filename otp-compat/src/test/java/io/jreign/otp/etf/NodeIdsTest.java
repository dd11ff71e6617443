package io.jreign.otp.etf;

import static io.jreign.otp.etf.Bytes.concat;
import static io.jreign.otp.etf.Bytes.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.NodeId;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The decoder's memory of pids' NodeIds: the same answers as without it, and bounded. */
class NodeIdsTest {

    @Test
    void remembersEachNodeAndCreationOnce() {
        NodeIds ids = new NodeIds();
        NodeId first = ids.of(Atom.of("a@host"), 7);
        assertEquals(new NodeId("a@host", 7), first);
        assertSame(first, ids.of(Atom.of("a@host"), 7));
        assertEquals(new NodeId("a@host", 8), ids.of(Atom.of("a@host"), 8));
        assertEquals(2, ids.size());
    }

    @Test
    void namesNodeIdRejectsStayRejected() {
        NodeIds ids = new NodeIds();
        assertNull(ids.of(Atom.of("a b@host"), 1));
        assertNull(ids.of(Atom.of("a b@host"), 1), "remembered as invalid, not as a NodeId");
        assertNull(ids.of(Atom.of("a@host"), NodeId.MAX_INCARNATION + 1));
    }

    @Test
    void boundedWhateverTheInputNames() {
        NodeIds ids = new NodeIds();
        Atom node = Atom.of("many@host");
        for (long creation = 1; creation <= NodeIds.MAX_ENTRIES * 3L; creation++) {
            assertEquals(new NodeId("many@host", creation), ids.of(node, creation));
        }
        assertEquals(NodeIds.MAX_ENTRIES, ids.size());
    }

    @Test
    void pidsDecodeTheSameFromHeapAndDirectBuffers() {
        // NEW_PID_EXT of <a@h, 5, 0, creation 3>, twice in a tuple: once remembered, once looked up
        byte[] pid = of(88, 119, 3, 'a', '@', 'h', 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 3);
        byte[] wire = concat(of(131, 104, 2), pid, pid);
        Address expected = Address.of(new NodeId("a@h", 3), 5);
        assertEquals(Tuple.of(expected, expected), Etf.decode(wire));
        ByteBuffer direct = ByteBuffer.allocateDirect(wire.length).put(wire).flip();
        assertEquals(Tuple.of(expected, expected), EtfCodec.builder().build().decode(direct));
        ByteBuffer utf8 = ByteBuffer.allocateDirect(5).put(of(131, 119, 2, 0xC3, 0xB6)).flip();
        assertEquals(Atom.of("ö"), EtfCodec.builder().build().decode(utf8), "non-ASCII atoms from a direct buffer");
    }
}
