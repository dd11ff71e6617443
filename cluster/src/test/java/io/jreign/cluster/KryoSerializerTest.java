package io.jreign.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.cluster.Messages.Ping;
import io.jreign.mailbox.Address;
import io.jreign.mailbox.CloseNotification;
import io.jreign.mailbox.NodeEvent;
import io.jreign.mailbox.NodeId;
import io.jreign.mailbox.Reason;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The default serializer: what it carries, send-time errors, and hostile input. */
class KryoSerializerTest {
    private static final int MAX = 1 << 20;
    private final KryoSerializer serializer = KryoSerializer.builder().register(Ping.class, Messages.Seq.class).build();
    private final AtomicInteger bound = new AtomicInteger();
    private final Serializer.Context context = (node, id) -> {
        bound.incrementAndGet();
        return Address.of(node, id);
    };

    private Object roundTrip(Object message) {
        byte[] bytes = serializer.encode(message, MAX);
        return serializer.decode(bytes, 0, bytes.length, context);
    }

    private Object decode(byte[] bytes) {
        return serializer.decode(bytes, 0, bytes.length, context);
    }

    @Test
    void carriesRecordsAddressesAndTheMailboxVocabulary() {
        Address address = Address.of(new NodeId("a", 12), 34);
        assertEquals(new Ping(address, 5), roundTrip(new Ping(address, 5)));
        assertTrue(bound.get() > 0, "addresses are bound through the context");
        assertEquals(new CloseNotification(address, Reason.NO_CONNECTION), roundTrip(new CloseNotification(address, Reason.NO_CONNECTION)));
        assertEquals(new NodeEvent.Down(new NodeId("b", 9), Reason.NO_CONNECTION), roundTrip(new NodeEvent.Down(new NodeId("b", 9), Reason.NO_CONNECTION)));
        assertEquals(new RemoteFailure("x.Y", "m"), roundTrip(new RemoteFailure("x.Y", "m")));
    }

    @Test
    void carriesTheCommonJdkTypes() {
        List<Object> values = List.of("text", "ünïcödé", 42, 7L, 2.5, true, 'c', BigInteger.TEN.pow(40), UUID.randomUUID(),
                Instant.ofEpochSecond(1_000, 5), new ArrayList<>(List.of(1, "two")), List.of(1, 2, 3), List.of(1),
                Set.of("x", "y"), Map.of("k", 1), new HashMap<>(Map.of(1, List.of())), new TreeMap<>(Map.of("b", 2, "a", 1)),
                new LinkedHashSet<>(List.of(3, 1, 2)), Stream.of(1, 2).toList());
        for (Object value : values) {
            assertEquals(value, roundTrip(value), "round trip of " + value.getClass().getName());
        }
        assertArrayEquals(new int[] {1, 2, 3}, (int[]) roundTrip(new int[] {1, 2, 3}));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) roundTrip(new byte[] {1, 2}));
        assertArrayEquals(new String[] {"a", null}, (String[]) roundTrip(new String[] {"a", null}));
        assertEquals(Arrays.asList(1, null), roundTrip(Stream.of(1, null).toList()));
    }

    @Test
    void anUnregisteredClassFailsAtEncodeNamingIt() {
        record Secret(String value) {}
        IllegalArgumentException top = assertThrows(IllegalArgumentException.class, () -> serializer.encode(new Secret("s"), MAX));
        assertTrue(top.getMessage().contains(Secret.class.getName() + " is not registered"), top.getMessage());
        IllegalArgumentException nested = assertThrows(IllegalArgumentException.class,
                () -> serializer.encode(List.of(new Secret("s")), MAX));
        assertTrue(nested.getMessage().contains(Secret.class.getName()), nested.getMessage());
    }

    @Test
    void anEncodingLargerThanTheLimitFailsAtEncode() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> serializer.encode(new byte[2000], 1000));
        assertTrue(e.getMessage().contains("more than 1000 bytes"), e.getMessage());
    }

    @Test
    void theReusedOutputBufferCarriesNothingFromOneEncodeToTheNext() {
        Address address = Address.of(new NodeId("a", 12), 34);
        List<Object> messages = List.of(new Ping(address, 1), new byte[40_000], new Ping(address, 2), "x".repeat(3000),
                new Ping(address, 3), List.of(1, 2, 3));
        for (Object message : messages) {
            byte[] reused = serializer.encode(message, MAX);
            byte[] fresh = KryoSerializer.builder().register(Ping.class, Messages.Seq.class).build().encode(message, MAX);
            assertArrayEquals(fresh, reused, "encoding of " + message.getClass().getName());
        }
        assertThrows(IllegalArgumentException.class, () -> serializer.encode(new byte[2000], 1000));
        assertEquals(new Ping(address, 4), roundTrip(new Ping(address, 4)), "an encode after a failed one");
        IllegalArgumentException smaller = assertThrows(IllegalArgumentException.class,
                () -> serializer.encode("y".repeat(300), 200));
        assertTrue(smaller.getMessage().contains("more than 200 bytes"), "the limit of this encode holds: " + smaller.getMessage());
        assertEquals("z", roundTrip("z"));
    }

    @Test
    void aCyclicGraphFailsAtEncode() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> serializer.encode(cycle, MAX));
        assertTrue(e.getMessage().contains("cyclic or nested"), e.getMessage());
    }

    @Test
    void idsDifferWhenRegistrationsDiffer() {
        assertEquals(serializer.id(), KryoSerializer.builder().register(Ping.class, Messages.Seq.class).build().id());
        assertNotEquals(serializer.id(), KryoSerializer.builder().register(Messages.Seq.class, Ping.class).build().id());
        assertNotEquals(serializer.id(), KryoSerializer.defaults().id());
        assertThrows(IllegalArgumentException.class, () -> KryoSerializer.builder().register(Address.class));
        assertTrue(serializer.registrations().contains("10=" + Address.class.getName()), serializer.registrations().toString());
        assertTrue(serializer.registrations().contains("100=" + Ping.class.getName()), serializer.registrations().toString());
        assertThrows(IllegalArgumentException.class, () -> KryoSerializer.builder().register(Ping.class, Ping.class));
    }

    /** Replaces the encoding's trailing count byte with a five-byte varint of 2^31-1. */
    private static byte[] withHugeCount(byte[] encodedEmpty) {
        assertEquals(0, encodedEmpty[encodedEmpty.length - 1]);
        byte[] bomb = Arrays.copyOf(encodedEmpty, encodedEmpty.length + 4);
        int at = encodedEmpty.length - 1;
        bomb[at] = (byte) 0xFF;
        bomb[at + 1] = (byte) 0xFF;
        bomb[at + 2] = (byte) 0xFF;
        bomb[at + 3] = (byte) 0xFF;
        bomb[at + 4] = (byte) 0x07;
        return bomb;
    }

    /**
     * Stock Kryo 5.6.2, given these six bytes for a registered ArrayList (class id, then a count of
     * 2^31-1 as a five-byte varint), calls {@code new ArrayList(2^31-2)} before reading any element:
     * on this machine that took 27 s and gigabytes of heap before failing (not repeated here). Ours
     * refuses the count against the bytes left, at once.
     */
    @Test
    void theSixByteCollectionBombIsRefusedAtOnce() {
        byte[] ourBomb = withHugeCount(serializer.encode(new ArrayList<>(), MAX));
        assertEquals(6, ourBomb.length);
        RuntimeException refused = assertThrows(RuntimeException.class, () -> decode(ourBomb));
        assertTrue(refused.getMessage().contains("declares 2147483647 elements"), refused.getMessage());
    }

    @Test
    void hugeDeclaredLengthsAreRefusedBeforeAllocatingForEveryContainer() {
        for (Object empty : List.of(new ArrayList<>(), new HashMap<>(), new LinkedHashSet<>(), List.of(), Map.of(),
                new Object[0], new String[0], new int[0], new long[0], new byte[0], new double[0], new char[0])) {
            byte[] encoded = serializer.encode(empty, MAX);
            byte[] bomb = empty instanceof int[] || empty instanceof long[] || empty instanceof byte[]
                    || empty instanceof double[] || empty instanceof char[]
                    ? withHugeLengthPlusOne(encoded) : withHugeCount(encoded);
            RuntimeException refused = assertThrows(RuntimeException.class, () -> decode(bomb), empty.getClass().getName());
            assertTrue(refused.getMessage().contains("declares"), empty.getClass() + ": " + refused.getMessage());
        }
    }

    /** Kryo's primitive arrays write length + 1 (0 is null): an empty one ends in 1. */
    private static byte[] withHugeLengthPlusOne(byte[] encodedEmpty) {
        assertEquals(1, encodedEmpty[encodedEmpty.length - 1]);
        encodedEmpty[encodedEmpty.length - 1] = 0;
        return withHugeCount(encodedEmpty);
    }

    @Test
    void aHugeUtf8StringLengthIsRefused() {
        byte[] encoded = serializer.encode("é", MAX);
        byte[] bomb = {encoded[0], (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0x0F};
        RuntimeException refused = assertThrows(RuntimeException.class, () -> decode(bomb));
        assertTrue(refused.getMessage().contains("string declares"), refused.getMessage());
    }

    @Test
    void deepNestingIsRefusedWithoutOverflowingTheStack() {
        byte[] oneLevel = serializer.encode(new ArrayList<>(List.of(new ArrayList<>())), MAX);
        // [ArrayList, count 1, ArrayList, count 0]: repeat the first two bytes a million times
        byte[] deep = new byte[2_000_002];
        for (int i = 0; i < 1_000_000; i++) {
            deep[2 * i] = oneLevel[0];
            deep[2 * i + 1] = 1;
        }
        deep[2_000_000] = oneLevel[0];
        deep[2_000_001] = 0;
        RuntimeException refused = assertThrows(RuntimeException.class, () -> decode(deep));
        assertTrue(refused.getMessage().contains("depth"), refused.getMessage());
    }

    @Test
    void garbageTrailingBytesAndUnknownClassesAreRefused() {
        byte[] good = serializer.encode("x", MAX);
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        assertTrue(assertThrows(RuntimeException.class, () -> decode(trailing)).getMessage().contains("left over"));
        assertThrows(RuntimeException.class, () -> decode(new byte[] {(byte) 0x7F, 1, 2, 3}));
        assertThrows(RuntimeException.class, () -> decode(new byte[0]));
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < 2_000; i++) {
            byte[] noise = new byte[1 + random.nextInt(64)];
            random.nextBytes(noise);
            try {
                decode(noise);
            } catch (RuntimeException expected) {
                // malformed input fails with an exception, never an Error
            }
        }
    }

    @Test
    void aRegisteredEnumAndUserCollectionsUseCheckedSerializers() {
        KryoSerializer withUserTypes = KryoSerializer.builder().register(Ping.class, Ping[].class, java.util.concurrent.CopyOnWriteArrayList.class).build();
        Ping[] pings = {new Ping(null, 1)};
        byte[] bytes = withUserTypes.encode(pings, MAX);
        Ping[] back = (Ping[]) withUserTypes.decode(bytes, 0, bytes.length, context);
        assertArrayEquals(pings, back);
        byte[] list = withUserTypes.encode(new java.util.concurrent.CopyOnWriteArrayList<>(List.of(1)), MAX);
        assertInstanceOf(java.util.concurrent.CopyOnWriteArrayList.class, withUserTypes.decode(list, 0, list.length, context));
        assertSame(Reason.SHUTDOWN, roundTrip(Reason.SHUTDOWN));
    }
}
