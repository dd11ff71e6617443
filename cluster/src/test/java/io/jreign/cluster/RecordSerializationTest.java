package io.jreign.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Output;
import io.jreign.cluster.internal.kryo.RecordSerializer;
import io.jreign.mailbox.Address;
import io.jreign.mailbox.NodeId;
import io.jreign.mailbox.Reason;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records through the default serializer: every component kind, validation on decode, shapes in the id. */
class RecordSerializationTest {
    private static final int MAX = 1 << 20;

    enum Side { BUY, SELL }

    record Every(int i, long l, double d, boolean z, byte b, short s, char c, float f,
            String text, Side side, int[] ints, Object anything, Address from) {
        /** Arrays compare by content, and NaN as equal to itself, so round trips compare exactly. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Every e && i == e.i && l == e.l && Double.compare(d, e.d) == 0 && z == e.z
                    && b == e.b && s == e.s && c == e.c && Float.compare(f, e.f) == 0
                    && java.util.Objects.equals(text, e.text) && side == e.side && Arrays.equals(ints, e.ints)
                    && java.util.Objects.equals(anything, e.anything) && java.util.Objects.equals(from, e.from);
        }

        @Override
        public int hashCode() {
            return i;
        }
    }

    record Nested(Every inner, List<Object> more) {}

    record Empty() {}

    record Positive(int n) {
        Positive {
            if (n <= 0) {
                throw new IllegalArgumentException("n must be positive, was " + n);
            }
        }
    }

    record Unchecked(int n) {}

    record Moody(String mood) {
        @Override
        public String mood() {
            throw new IllegalStateException("not today");
        }
    }

    private final KryoSerializer serializer = KryoSerializer.builder()
            .register(Side.class, Every.class, Nested.class, Empty.class, Positive.class, Moody.class, Unchecked.class)
            .build();
    private final Serializer.Context context = Address::of;

    private Object roundTrip(KryoSerializer with, Object message) {
        byte[] bytes = with.encode(message, MAX);
        return with.decode(bytes, 0, bytes.length, context);
    }

    private static Every randomEvery(Random random, int depth) {
        Object anything = switch (random.nextInt(5)) {
            case 0 -> null;
            case 1 -> random.nextLong();
            case 2 -> new ArrayList<>(List.of("x", random.nextInt()));
            case 3 -> depth > 0 ? randomEvery(random, depth - 1) : Reason.NORMAL;
            default -> new Empty();
        };
        int[] ints = random.nextBoolean() ? null : random.ints(random.nextInt(5)).toArray();
        double d = switch (random.nextInt(6)) {
            case 0 -> Double.NaN;
            case 1 -> -0.0;
            case 2 -> Double.NEGATIVE_INFINITY;
            default -> random.nextDouble() * 1e300 * (random.nextBoolean() ? 1 : -1);
        };
        int i = random.nextBoolean() ? random.nextInt() : (random.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE);
        long l = random.nextBoolean() ? random.nextLong() : (random.nextBoolean() ? Long.MIN_VALUE : -1);
        String text = random.nextInt(4) == 0 ? null : "t\u00e9xt\uD83D\uDE00" + random.nextInt();
        Address from = random.nextBoolean() ? null : Address.of(new NodeId("n" + random.nextInt(3), 1 + random.nextInt(9)), random.nextLong(1, Long.MAX_VALUE));
        return new Every(i, l, d, random.nextBoolean(), (byte) random.nextInt(), (short) random.nextInt(),
                (char) random.nextInt(Character.MAX_VALUE + 1), random.nextFloat() * (random.nextBoolean() ? -1 : 1) * 1e30f,
                text, random.nextBoolean() ? null : Side.values()[random.nextInt(2)], ints, anything, from);
    }

    @Test
    void everyComponentKindRoundTripsExactlyForSeededRandomValues() {
        Random random = new Random(20261123L);
        for (int n = 0; n < 2_000; n++) {
            Every every = randomEvery(random, 2);
            assertEquals(every, roundTrip(serializer, every), "seed 20261123, case " + n);
            Nested nested = new Nested(random.nextBoolean() ? every : null, new ArrayList<>(List.of(every, n)));
            assertEquals(nested, roundTrip(serializer, nested), "seed 20261123, nested case " + n);
        }
        assertEquals(new Empty(), roundTrip(serializer, new Empty()));
    }

    @Test
    void jreignsOwnRecordsUseIt() {
        assertTrue(serializer.registrations().contains("16=" + RemoteFailure.class.getName()), serializer.registrations().toString());
        byte[] bytes = serializer.encode(new RemoteFailure("x.Y", "m"), MAX);
        // class id, then the components in declaration order (Kryo's own writes them sorted by name)
        Output expected = new Output(64);
        expected.writeVarInt(16 + 2, true);
        expected.writeString("x.Y");
        expected.writeString("m");
        assertArrayEquals(expected.toBytes(), bytes);
        assertEquals(new RemoteFailure("x.Y", "m"), serializer.decode(bytes, 0, bytes.length, context));
    }

    @Test
    void aCompactConstructorValidatesWhatArrives() {
        KryoSerializer lenient = KryoSerializer.builder()
                .register(Side.class, Every.class, Nested.class, Empty.class, Unchecked.class, Moody.class, Positive.class)
                .build();
        // the same id (104) names Unchecked on the sending side and Positive on the receiving one
        assertTrue(lenient.registrations().contains("104=" + Unchecked.class.getName()), lenient.registrations().toString());
        assertTrue(serializer.registrations().contains("104=" + Positive.class.getName()), serializer.registrations().toString());
        byte[] fine = lenient.encode(new Unchecked(7), MAX);
        assertEquals(new Positive(7), serializer.decode(fine, 0, fine.length, context));
        byte[] refused = lenient.encode(new Unchecked(-7), MAX);
        KryoException e = assertThrows(KryoException.class, () -> serializer.decode(refused, 0, refused.length, context));
        assertTrue(e.getMessage().contains("refused its components") && e.getMessage().contains("n must be positive, was -7"),
                e.getMessage());
    }

    @Test
    void anAccessorThatThrowsFailsTheSendNamingTheComponent() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> serializer.encode(new Moody("x"), MAX));
        assertTrue(e.getMessage().contains("not today") && e.getMessage().contains("mood:java.lang.String"), e.getMessage());
    }

    @Test
    void truncatedRecordsAreRefused() {
        Every every = randomEvery(new Random(7), 1);
        byte[] bytes = serializer.encode(every, MAX);
        for (int cut = 1; cut < bytes.length; cut++) {
            int length = cut;
            assertThrows(KryoException.class, () -> serializer.decode(bytes, 0, length, context), "cut at " + cut);
        }
    }

    @Test
    void aPrivateLocalRecordWorksAndANonRecordIsRefused() {
        record Local(String secret, long n) {}
        KryoSerializer withLocal = KryoSerializer.builder().register(Local.class).build();
        assertEquals(new Local("s", -3), roundTrip(withLocal, new Local("s", -3)));
        assertEquals("(secret:java.lang.String,n:long)", RecordSerializer.of(Local.class).shape());
        assertThrows(IllegalArgumentException.class, () -> RecordSerializer.of((Class) String.class));
    }

    /**
     * Two builds of the same message class, as in a rolling upgrade: same name, same registration
     * order, different components. Their ids differ, so the nodes refuse each other at connect.
     */
    @Test
    void idsDifferWhenARegisteredRecordChangesShape(@TempDir Path dir) throws Exception {
        ClassLoader v1 = compiled(dir.resolve("v1"), "package m; public record Order(long id, int quantity) {}");
        ClassLoader v1Again = compiled(dir.resolve("v1b"), "package m; public record Order(long id, int quantity) {}");
        ClassLoader v2 = compiled(dir.resolve("v2"), "package m; public record Order(long id, long quantity) {}");
        ClassLoader v3 = compiled(dir.resolve("v3"), "package m; public record Order(long id, int amount) {}");
        String one = KryoSerializer.builder().register(List.of("m.Order"), v1).build().id();
        assertEquals(one, KryoSerializer.builder().register(List.of("m.Order"), v1Again).build().id());
        assertNotEquals(one, KryoSerializer.builder().register(List.of("m.Order"), v2).build().id());
        assertNotEquals(one, KryoSerializer.builder().register(List.of("m.Order"), v3).build().id());
    }

    private static ClassLoader compiled(Path dir, String source) throws IOException {
        Path file = dir.resolve("m/Order.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests run on a JDK");
        assertEquals(0, javac.run(null, null, null, "-d", dir.toString(), file.toString()));
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, RecordSerializationTest.class.getClassLoader());
    }
}
