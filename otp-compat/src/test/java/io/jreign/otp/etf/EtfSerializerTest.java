package io.jreign.otp.etf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.cluster.Serializer;
import io.jreign.mailbox.Address;
import io.jreign.mailbox.Node;
import io.jreign.mailbox.NodeId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EtfSerializerTest {
    record Greeting(Address from, String text, long count) {}

    record Unregistered(int n) {}

    private final EtfCodec codec = EtfCodec.builder().record(Greeting.class, Atom.of("greeting")).build();
    private final EtfSerializer serializer = new EtfSerializer(codec);

    @Test
    void recordsAndTermsCrossWithAddressesBoundToTheReceiver() {
        try (Node receiver = Node.start("etf-receiver")) {
            Serializer.Context context = (node, id) -> receiver.bind(Address.of(node, id));
            Address from = Address.of(new NodeId("sender", 7), 42);
            Object message = List.of(new Greeting(from, "hello", 3), Map.of(Atom.of("k"), Tuple.of(1L, 2L)));
            byte[] bytes = serializer.encode(message, 1 << 20);
            byte[] framed = new byte[bytes.length + 5];
            System.arraycopy(bytes, 0, framed, 3, bytes.length);
            Object decoded = serializer.decode(framed, 3, bytes.length, context);
            assertEquals(message, decoded);
            Address decodedFrom = ((Greeting) ((List<?>) decoded).getFirst()).from();
            decodedFrom.send("reply"); // bound to the receiver, which has no route to "sender": counted there
            assertEquals(1, receiver.stats().droppedUnroutable());
        }
    }

    @Test
    void whatEtfCannotCarryFailsAtSendNamingTheClass() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> serializer.encode(new Unregistered(1), 1 << 20));
        assertTrue(e.getMessage().contains(Unregistered.class.getName()), e.getMessage());
        IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
                () -> serializer.encode(Binary.of(new byte[1000]), 100));
        assertTrue(tooBig.getMessage().contains("over the cluster's limit"), tooBig.getMessage());
    }

    @Test
    void malformedInputFailsWithARuntimeException() {
        Serializer.Context context = (node, id) -> Address.of(node, id);
        assertThrows(EtfException.class, () -> serializer.decode(new byte[] {(byte) 131, 104, 5}, 0, 3, context));
        byte[] good = serializer.encode(Atom.of("ok"), 100);
        byte[] trailing = new byte[good.length + 1];
        System.arraycopy(good, 0, trailing, 0, good.length);
        assertThrows(EtfException.class, () -> serializer.decode(trailing, 0, trailing.length, context));
    }

    @Test
    void peersWithOtherRecordRegistrationsHaveAnotherId() {
        EtfSerializer plain = new EtfSerializer(EtfCodec.builder().build());
        assertNotEquals(plain.id(), serializer.id());
        assertEquals(serializer.id(), new EtfSerializer(EtfCodec.builder().record(Greeting.class, Atom.of("greeting")).build()).id());
        assertTrue(serializer.id().length() <= 200);
    }
}
