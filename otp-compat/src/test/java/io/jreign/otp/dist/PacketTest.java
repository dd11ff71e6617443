package io.jreign.otp.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.NodeId;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.AtomCacheHeader;
import io.jreign.otp.etf.AtomCacheHeader.Entry;
import io.jreign.otp.etf.Binary;
import io.jreign.otp.etf.Etf;
import io.jreign.otp.etf.EtfCodec;
import io.jreign.otp.etf.Ref;
import io.jreign.otp.etf.Tuple;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacketTest {
    private static final EtfCodec CODEC = Etf.codec();
    private static final Address FROM = Address.of(new NodeId("a@h", 1), 7);
    private static final Address TO = Address.of(new NodeId("b@h", 2), 9);

    private static PacketDecoder decoder() {
        return new PacketDecoder(CODEC, 1 << 20, 4);
    }

    @Test
    void passThroughPacketCarriesVersionedControlAndPayload() throws Exception {
        List<byte[]> packets = DistPacket.encode(CODEC, new ControlMessage.Send(FROM, TO), Atom.of("hi"), 1, 0);
        assertEquals(1, packets.size());
        byte[] packet = packets.getFirst();
        assertEquals(112, packet[0] & 0xFF);
        assertEquals(131, packet[1] & 0xFF);
        PacketDecoder.Decoded decoded = decoder().decode(packet);
        assertEquals(new ControlMessage.Send(FROM, TO), decoded.message());
        assertEquals(Atom.of("hi"), decoded.payload());
    }

    @Test
    void everyControlMessageRoundTrips() throws Exception {
        Ref ref = new Ref(Atom.of("a@h"), 1, new int[] {1, 2, 3});
        List<ControlMessage> messages = List.of(new ControlMessage.Link(FROM, TO),
                new ControlMessage.Unlink(5, FROM, TO), new ControlMessage.Unlink(ControlMessage.Unlink.NO_ID, FROM, TO), new ControlMessage.Unlink(-2, FROM, TO),
                new ControlMessage.UnlinkAck(5, FROM, TO),
                new ControlMessage.Exit(FROM, TO, Atom.of("boom"), true, false),
                new ControlMessage.Exit(FROM, TO, Atom.of("boom"), false, false),
                new ControlMessage.Monitor(FROM, Atom.of("name"), ref), new ControlMessage.Demonitor(FROM, TO, ref),
                new ControlMessage.MonitorExit(TO, FROM, ref, Atom.of("normal"), false),
                new ControlMessage.RegSend(FROM, Atom.of("net_kernel")));
        for (ControlMessage message : messages) {
            Object payload = message.hasPayload() ? Atom.of("x") : null;
            PacketDecoder.Decoded decoded = decoder().decode(DistPacket.encode(CODEC, message, payload, 1, 0).getFirst());
            assertEquals(message, decoded.message());
        }
        // payload forms of exits carry the reason as the second term
        PacketDecoder.Decoded exit = decoder().decode(DistPacket.encode(CODEC,
                new ControlMessage.Exit(FROM, TO, Atom.of("boom"), false, true), Atom.of("boom"), 1, 0).getFirst());
        assertEquals(new ControlMessage.Exit(FROM, TO, Atom.of("boom"), false, true), exit.message());
        assertEquals(ControlMessage.PAYLOAD_EXIT2, ((Long) exit.message().toTuple().get(0)).intValue());
    }

    @Test
    void fragmentsReassembleEvenInterleaved() throws Exception {
        Binary big1 = Binary.of(new byte[300_000]);
        byte[] bytes = new byte[200_000];
        bytes[199_999] = 42;
        Binary big2 = Binary.of(bytes);
        List<byte[]> first = DistPacket.encode(CODEC, new ControlMessage.Send(FROM, TO), big1, 1, 65_536);
        List<byte[]> second = DistPacket.encode(CODEC, new ControlMessage.Send(FROM, TO), big2, 2, 65_536);
        assertEquals(5, first.size());
        assertEquals(69, first.getFirst()[1]);
        assertEquals(70, first.get(1)[1]);
        PacketDecoder decoder = decoder();
        PacketDecoder.Decoded a = null;
        PacketDecoder.Decoded b = null;
        for (int i = 0; i < first.size(); i++) {
            PacketDecoder.Decoded x = decoder.decode(first.get(i));
            if (i < second.size()) {
                PacketDecoder.Decoded y = decoder.decode(second.get(i));
                if (y != null) {
                    b = y;
                }
            }
            if (x != null) {
                a = x;
            } else {
                assertNull(a);
            }
        }
        assertEquals(big1, a.payload());
        assertEquals(big2, b.payload());
        assertEquals(0, decoder.pending());
    }

    @Test
    void aHeaderWithAtomCacheReferencesDecodesAndAPeerWithTheCacheButNoFragmentsGetsHeaders() throws Exception {
        // {6, FROM, '', is_auth} as erl writes it with the cache: REG_SEND, the atoms ATOM_CACHE_REFs
        byte[] packet = concat(new byte[] {(byte) 131, 68},
                AtomCacheHeader.of(false, new Entry(600, "net_kernel"), new Entry(601, "is_auth"), new Entry(2, "")),
                new byte[] {104, 4, 97, 6}, pidBody(FROM), AtomCacheHeader.ref(2), AtomCacheHeader.ref(1),
                AtomCacheHeader.ref(0));
        PacketDecoder decoder = decoder();
        PacketDecoder.Decoded decoded = decoder.decode(packet);
        assertEquals(new ControlMessage.RegSend(FROM, Atom.of("is_auth")), decoded.message());
        assertEquals(Atom.of("net_kernel"), decoded.payload());
        // the next message names the same slots without their text
        PacketDecoder.Decoded again = decoder.decode(concat(new byte[] {(byte) 131, 68},
                AtomCacheHeader.of(false, Entry.old(601), Entry.old(2)), new byte[] {104, 4, 97, 6}, pidBody(FROM),
                AtomCacheHeader.ref(1), AtomCacheHeader.ref(0), new byte[] {106}));
        assertEquals(new ControlMessage.RegSend(FROM, Atom.of("is_auth")), again.message());

        byte[] header = DistPacket.encode(CODEC, new ControlMessage.Send(FROM, TO), Atom.of("hi"), 1,
                DistPacket.UNFRAGMENTED).getFirst();
        assertEquals(131, header[0] & 0xFF);
        assertEquals(68, header[1]);
        assertEquals(0, header[2], "no references of its own");
        assertEquals(Atom.of("hi"), decoder.decode(header).payload());
    }

    @Test
    void aFragmentedMessageKeepsTheAtomsItsHeaderNamedThoughALaterHeaderReusesTheSlot() throws Exception {
        byte[] body = concat(new byte[] {104, 3, 97, 2, 106}, pidBody(TO), new byte[] {104, 2},
                AtomCacheHeader.ref(0), new byte[] {109, 0, 0, 0, 16}, new byte[16]);
        byte[] first = concat(new byte[] {(byte) 131, 69}, longs(7, 2), AtomCacheHeader.of(false, new Entry(3, "before")),
                java.util.Arrays.copyOf(body, 10));
        byte[] last = concat(new byte[] {(byte) 131, 70}, longs(7, 1), java.util.Arrays.copyOfRange(body, 10, body.length));
        byte[] between = concat(new byte[] {(byte) 131, 68}, AtomCacheHeader.of(false, new Entry(3, "after")),
                new byte[] {104, 3, 97, 2, 106}, pidBody(TO), AtomCacheHeader.ref(0));
        PacketDecoder decoder = decoder();
        assertNull(decoder.decode(first));
        assertEquals(Atom.of("after"), decoder.decode(between).payload());
        PacketDecoder.Decoded whole = decoder.decode(last);
        assertEquals(new ControlMessage.Send(null, TO), whole.message());
        assertEquals(Tuple.of(Atom.of("before"), Binary.of(new byte[16])), whole.payload());
    }

    @Test
    void reassemblyIsBounded() throws Exception {
        List<byte[]> packets = DistPacket.encode(CODEC, new ControlMessage.Send(FROM, TO),
                Binary.of(new byte[3 << 20]), 1, 65_536);
        PacketDecoder decoder = decoder();
        DistProtocolException tooBig = assertThrows(DistProtocolException.class, () -> {
            for (byte[] packet : packets) {
                decoder.decode(packet);
            }
        });
        assertTrue(tooBig.getMessage().contains("exceeds"), tooBig.getMessage());
        PacketDecoder many = decoder();
        DistProtocolException tooMany = assertThrows(DistProtocolException.class, () -> {
            for (int seq = 0; seq < 5; seq++) {
                many.decode(DistPacket.encode(CODEC, new ControlMessage.Send(FROM, TO), Binary.of(new byte[1000]), seq,
                        100).getFirst());
            }
        });
        assertTrue(tooMany.getMessage().contains("at once"), tooMany.getMessage());
    }

    @Test
    void badPacketsAreProtocolErrors() {
        PacketDecoder decoder = decoder();
        assertThrows(DistProtocolException.class, () -> decoder.decode(new byte[] {1, 2, 3}));
        assertThrows(DistProtocolException.class, () -> decoder.decode(new byte[] {112, (byte) 131, 104}));
        assertThrows(DistProtocolException.class, () -> decoder.decode(new byte[] {(byte) 131, 70, 0, 0}));
        assertThrows(DistProtocolException.class, () -> decoder.decode(new byte[] {(byte) 131, 68, 3}));
        byte[] unknown = pass(Tuple.of(99L, Atom.of("x")));
        DistProtocolException e = assertThrows(DistProtocolException.class, () -> decoder.decode(unknown));
        assertTrue(e.getMessage().contains("unknown control message operation 99"), e.getMessage());
        byte[] missingPayload = pass(Tuple.of(22L, FROM, TO));
        assertThrows(DistProtocolException.class, () -> decoder.decode(missingPayload));
        assertThrows(DistProtocolException.class, () -> decoder.decode(pass(Atom.of("notatuple"))));
    }

    private static byte[] pass(Object control) {
        byte[] term = Etf.encode(control);
        byte[] packet = new byte[term.length + 1];
        packet[0] = 112;
        System.arraycopy(term, 0, packet, 1, term.length);
        return packet;
    }

    /** A pid as erl writes it inside a distribution message (no version byte). */
    private static byte[] pidBody(Address pid) {
        ByteBuffer versioned = ByteBuffer.wrap(CODEC.encode(pid));
        versioned.get();
        byte[] rest = new byte[versioned.remaining()];
        versioned.get(rest);
        return rest;
    }

    private static byte[] longs(long sequence, long fragment) {
        return ByteBuffer.allocate(16).putLong(sequence).putLong(fragment).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
