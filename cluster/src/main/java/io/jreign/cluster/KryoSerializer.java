package io.jreign.cluster;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import com.esotericsoftware.kryo.serializers.TimeSerializers;
import io.jreign.cluster.internal.kryo.AddressSerializer;
import io.jreign.cluster.internal.kryo.CheckedCollectionSerializer;
import io.jreign.cluster.internal.kryo.CheckedInput;
import io.jreign.cluster.internal.kryo.CheckedMapSerializer;
import io.jreign.cluster.internal.kryo.CheckedObjectArraySerializer;
import io.jreign.cluster.internal.kryo.ClusterKryo;
import io.jreign.cluster.internal.kryo.KryoPool;
import io.jreign.cluster.internal.kryo.NodeIdSerializer;
import io.jreign.cluster.internal.kryo.RecordSerializer;
import io.jreign.mailbox.Address;
import io.jreign.mailbox.CloseNotification;
import io.jreign.mailbox.NodeEvent;
import io.jreign.mailbox.NodeId;
import io.jreign.mailbox.Reason;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The default {@link Serializer}: Kryo 5, with registration required, pooled instances, and
 * decoding hardened against hostile input.
 *
 * <h2>What can be sent</h2>
 * <ul>
 *   <li>Registered by default: {@link Address} (stays live: it arrives bound to the receiving node),
 *       {@link NodeId}, {@link CloseNotification}, {@link Reason}, {@link NodeEvent.Up},
 *       {@link NodeEvent.Down}, {@link RemoteFailure}; {@code String}, the primitives and their
 *       boxes; {@link BigInteger}, {@link BigDecimal}, {@link UUID}, {@link Instant}, {@link Duration},
 *       {@link LocalDate}, {@link LocalDateTime}; {@link ArrayList}, {@link LinkedList},
 *       {@link ArrayDeque}, {@link HashSet}, {@link LinkedHashSet}, {@link TreeSet}, {@link HashMap},
 *       {@link LinkedHashMap}, {@link TreeMap} (natural order only), the lists, sets and maps of
 *       {@code List.of}, {@code Set.of}, {@code Map.of} and {@code Stream.toList()}; arrays of the
 *       primitives, {@code Object[]} and {@code String[]}.</li>
 *   <li>Your classes: {@linkplain Builder#register(Class[]) register} them, in the same order on
 *       every node (the spec file's {@code "register"} list does that for you). Records work as
 *       they are; other classes need a no-argument constructor (Kryo's field serializer) or a
 *       serializer of your own. Enums, arrays of your classes, and your own collection and map
 *       classes are handled (the last two with the checked serializers below).</li>
 *   <li>Anything else fails in the sending thread: {@code address.send(x)} throws
 *       {@link IllegalArgumentException} naming the unregistered class.</li>
 * </ul>
 *
 * <h2>Decoding hostile bytes</h2>
 * Stock Kryo 5.6 trusts declared lengths: six bytes (a collection's class id and a length of
 * 2<sup>31</sup>-1) make it allocate first and fail after, with {@link OutOfMemoryError}. Here every
 * frame is decoded from memory whose size the transport already bounded, through a
 * {@link CheckedInput} that refuses any string or primitive array longer than the bytes left, and
 * collections, maps and reference arrays use serializers that check their count the same way
 * before allocating (and pre-size at most 1,024 slots). Object graphs deeper than
 * {@link Builder#maxDepth(int)} (default 64) are refused, so nesting cannot overflow the stack.
 * References are off: shared objects are sent twice and cycles fail at send. A serializer you
 * register for your own class must check its lengths likewise.
 *
 * <h2>Identity</h2>
 * {@link #id()} is {@code kryo-5:} plus a hash of every registration (id, class name, serializer, and
 * for a record its components' names and types in order), so nodes whose registrations differ, or
 * whose versions of a registered record differ, refuse each other at connect, naming both ids,
 * instead of misreading each other's messages.
 *
 * <h2>Records</h2>
 * Records, jreign's and yours, are written by jreign's own record serializer: each component in
 * declaration order, read through a method handle made once per class (primitives as varints or
 * fixed-width, with no boxing on write), and rebuilt through the canonical constructor, so a compact
 * constructor's validation runs on every decode (a message it refuses is malformed input: it is not
 * delivered, and the connection closes as for any frame that cannot be decoded). Kryo
 * 5.6's record serializer, which this replaces, calls accessors through {@code Method.invoke} and
 * boxes every primitive.
 */
public final class KryoSerializer implements Serializer {
    /** The id of the first class registered by users; the ones before are jreign's. */
    public static final int FIRST_USER_ID = 100;

    private final List<Registration> registrations;
    private final int maxDepth;
    private final String id;
    private final KryoPool<ClusterKryo> pool;

    private KryoSerializer(Builder builder) {
        this.registrations = List.copyOf(builder.registrations);
        this.maxDepth = builder.maxDepth;
        this.pool = new KryoPool<>(64, this::newKryo);
        this.id = "kryo-5:" + fingerprint(newKryo());
    }

    /** A serializer with jreign's registrations only. */
    public static KryoSerializer defaults() {
        return builder().build();
    }

    /** A builder, to register your message classes. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public byte[] encode(Object message, int maxBytes) {
        ClusterKryo kryo = pool.obtain();
        try {
            kryo.clearUnregistered();
            Output output = kryo.output(maxBytes);
            kryo.writeClassAndObject(output, message);
            return output.toBytes();
        } catch (RuntimeException | StackOverflowError e) {
            throw encodeFailure(kryo, message, maxBytes, e);
        } finally {
            kryo.clearUnregistered();
            kryo.trimOutput();
            pool.free(kryo);
        }
    }

    @Override
    public Object decode(byte[] bytes, int offset, int length, Context context) {
        ClusterKryo kryo = pool.obtain();
        try {
            kryo.context(context);
            CheckedInput input = new CheckedInput(bytes, offset, length);
            Object message = kryo.readClassAndObject(input);
            if (input.remaining() != 0) {
                throw new KryoException(input.remaining() + " bytes left over after a " + className(message));
            }
            if (message == null) {
                throw new KryoException("a null message");
            }
            return message;
        } catch (StackOverflowError e) {
            throw new KryoException("object graph nested too deeply", e);
        } finally {
            kryo.context(null);
            pool.free(kryo);
        }
    }

    /** Every registration, jreign's and yours, in id order; for diagnostics. */
    public List<String> registrations() {
        ClusterKryo kryo = pool.obtain();
        try {
            List<String> all = new ArrayList<>();
            for (int i = 0; i < FIRST_USER_ID || kryo.getRegistration(i) != null; i++) {
                com.esotericsoftware.kryo.Registration registration = kryo.getRegistration(i);
                if (registration != null) {
                    all.add(i + "=" + registration.getType().getName());
                }
            }
            return all;
        } finally {
            pool.free(kryo);
        }
    }

    @Override
    public String toString() {
        return "KryoSerializer[" + id + ", " + registrations.size() + " user classes]";
    }

    private static IllegalArgumentException encodeFailure(ClusterKryo kryo, Object message, int maxBytes, Throwable e) {
        String what = className(message);
        Class<?> unregistered = kryo.unregistered();
        if (unregistered != null) {
            return new IllegalArgumentException("cannot send a " + what + ": class " + unregistered.getName()
                    + " is not registered with the cluster's Kryo serializer; add it to the spec's \"register\" list"
                    + " (the same list on every node) or to KryoSerializer.builder().register(...)", e);
        }
        String detail = String.valueOf(e.getMessage());
        if (detail.startsWith("Buffer overflow")) {
            return new IllegalArgumentException("cannot send a " + what + ": it encodes to more than " + maxBytes
                    + " bytes (limits.maxFrameSize)", e);
        }
        if (e instanceof StackOverflowError || detail.contains("Max depth exceeded")) {
            return new IllegalArgumentException("cannot send a " + what
                    + ": its object graph is cyclic or nested deeper than the serializer's maxDepth", e);
        }
        return new IllegalArgumentException("cannot send a " + what + ": " + detail, e);
    }

    private static String className(Object message) {
        return message == null ? "null" : message.getClass().getName();
    }

    private ClusterKryo newKryo() {
        ClusterKryo kryo = new ClusterKryo();
        kryo.setRegistrationRequired(true);
        kryo.setReferences(false);
        kryo.setMaxDepth(maxDepth);
        registerBuiltIns(kryo);
        int next = FIRST_USER_ID;
        for (Registration registration : registrations) {
            Class<?> type = registration.type();
            com.esotericsoftware.kryo.Serializer<?> serializer = registration.serializer() != null
                    ? registration.serializer()
                    : checkedSerializerFor(type);
            if (serializer != null) {
                kryo.register(type, serializer, next++);
            } else {
                kryo.register(type, next++);
            }
        }
        return kryo;
    }

    /**
     * A length-checking serializer for user collection, map and reference-array classes, jreign's
     * record serializer for records, else null (Kryo's default for the class).
     */
    private static com.esotericsoftware.kryo.Serializer<?> checkedSerializerFor(Class<?> type) {
        if (type.isArray() && !type.getComponentType().isPrimitive()) {
            return new CheckedObjectArraySerializer();
        }
        if (Collection.class.isAssignableFrom(type)) {
            return CheckedCollectionSerializer.forType(type);
        }
        if (Map.class.isAssignableFrom(type)) {
            return CheckedMapSerializer.forType(type);
        }
        if (type.isRecord()) {
            return RecordSerializer.of(type);
        }
        return null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void registerBuiltIns(Kryo kryo) {
        int id = 10;
        kryo.register(Address.class, new AddressSerializer(), id++);
        kryo.register(NodeId.class, new NodeIdSerializer(), id++);
        kryo.register(CloseNotification.class, RecordSerializer.of(CloseNotification.class), id++);
        kryo.register(Reason.class, id++);
        kryo.register(NodeEvent.Up.class, RecordSerializer.of(NodeEvent.Up.class), id++);
        kryo.register(NodeEvent.Down.class, RecordSerializer.of(NodeEvent.Down.class), id++);
        kryo.register(RemoteFailure.class, RecordSerializer.of(RemoteFailure.class), id++);
        kryo.register(ArrayList.class, CheckedCollectionSerializer.mutable(ArrayList::new), id++);
        kryo.register(LinkedList.class, CheckedCollectionSerializer.mutable(unused -> new LinkedList<>()), id++);
        kryo.register(ArrayDeque.class, CheckedCollectionSerializer.mutable(ArrayDeque::new), id++);
        kryo.register(HashSet.class, CheckedCollectionSerializer.mutable(HashSet::new), id++);
        kryo.register(LinkedHashSet.class, CheckedCollectionSerializer.mutable(LinkedHashSet::new), id++);
        kryo.register(TreeSet.class, CheckedCollectionSerializer.mutable(unused -> new TreeSet<>()), id++);
        kryo.register(HashMap.class, CheckedMapSerializer.mutable(HashMap::new), id++);
        kryo.register(LinkedHashMap.class, CheckedMapSerializer.mutable(LinkedHashMap::new), id++);
        kryo.register(TreeMap.class, CheckedMapSerializer.mutable(unused -> new TreeMap<>()), id++);
        CheckedCollectionSerializer immutableList = CheckedCollectionSerializer.immutable(list -> (Collection) List.copyOf(list));
        CheckedCollectionSerializer immutableSet = CheckedCollectionSerializer.immutable(list -> (Collection) Set.copyOf(list));
        kryo.register(List.of(1).getClass(), immutableList, id++);
        kryo.register(List.of().getClass(), immutableList, id++);
        kryo.register(Set.of(1).getClass(), immutableSet, id++);
        kryo.register(Set.of().getClass(), immutableSet, id++);
        kryo.register(Map.of(1, 1).getClass(), CheckedMapSerializer.immutable(), id++);
        kryo.register(Map.of().getClass(), CheckedMapSerializer.immutable(), id++);
        kryo.register(Object[].class, new CheckedObjectArraySerializer(), id++);
        kryo.register(String[].class, new CheckedObjectArraySerializer(), id++);
        for (Class<?> array : List.of(byte[].class, int[].class, long[].class, double[].class, float[].class,
                short[].class, char[].class, boolean[].class)) {
            kryo.register(array, id++); // Kryo's own; their lengths are checked by CheckedInput
        }
        // Kryo's own value serializers; BigInteger/BigDecimal read their byte count through CheckedInput.
        kryo.register(BigInteger.class, new DefaultSerializers.BigIntegerSerializer(), id++);
        kryo.register(BigDecimal.class, new DefaultSerializers.BigDecimalSerializer(), id++);
        kryo.register(UUID.class, new DefaultSerializers.UUIDSerializer(), id++);
        kryo.register(Instant.class, new TimeSerializers.InstantSerializer(), id++);
        kryo.register(Duration.class, new TimeSerializers.DurationSerializer(), id++);
        kryo.register(LocalDate.class, new TimeSerializers.LocalDateSerializer(), id++);
        kryo.register(LocalDateTime.class, new TimeSerializers.LocalDateTimeSerializer(), id++);
    }

    private static String fingerprint(ClusterKryo kryo) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < FIRST_USER_ID || kryo.getRegistration(i) != null; i++) {
                com.esotericsoftware.kryo.Registration registration = kryo.getRegistration(i);
                if (registration != null) {
                    com.esotericsoftware.kryo.Serializer<?> serializer = registration.getSerializer();
                    String shape = serializer instanceof RecordSerializer<?> record ? record.shape() : "";
                    digest.update((i + "=" + registration.getType().getName() + shape + '/'
                            + serializer.getClass().getName() + '\n').getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Registration(Class<?> type, com.esotericsoftware.kryo.Serializer<?> serializer) {}

    /** Collects registrations; every node must register the same classes in the same order. */
    public static final class Builder {
        private final List<Registration> registrations = new ArrayList<>();
        private int maxDepth = 64;

        private Builder() {}

        /**
         * Registers message classes, in order, with Kryo's default serializer for each (records,
         * enums, plain classes with a no-argument constructor) or a length-checking one for
         * collections, maps and arrays.
         *
         * @throws IllegalArgumentException if a class is registered twice or is one of jreign's
         */
        public Builder register(Class<?>... types) {
            for (Class<?> type : types) {
                add(new Registration(type, null));
            }
            return this;
        }

        /** Registers {@code type} with your own serializer, which must check declared lengths on read. */
        public <T> Builder register(Class<T> type, com.esotericsoftware.kryo.Serializer<T> serializer) {
            add(new Registration(type, serializer));
            return this;
        }

        /**
         * Registers the classes named, loading them with {@code loader}.
         *
         * @throws IllegalArgumentException naming a class that cannot be loaded
         */
        public Builder register(List<String> classNames, ClassLoader loader) {
            for (String name : classNames) {
                try {
                    add(new Registration(Class.forName(name, false, loader), null));
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new IllegalArgumentException("cannot load registered class " + name + ": " + e, e);
                }
            }
            return this;
        }

        /** The deepest object graph encoded or decoded; default 64. */
        public Builder maxDepth(int maxDepth) {
            if (maxDepth < 4) {
                throw new IllegalArgumentException("maxDepth must be at least 4, was " + maxDepth);
            }
            this.maxDepth = maxDepth;
            return this;
        }

        public KryoSerializer build() {
            return new KryoSerializer(this);
        }

        private void add(Registration registration) {
            Class<?> type = registration.type();
            if (type == null) {
                throw new NullPointerException("type");
            }
            if (registrations.stream().anyMatch(r -> r.type() == type)) {
                throw new IllegalArgumentException(type.getName() + " is registered twice");
            }
            ClusterKryo probe = new ClusterKryo();
            registerBuiltIns(probe);
            if (probe.getClassResolver().getRegistration(type) != null) {
                throw new IllegalArgumentException(type.getName() + " is registered by jreign already");
            }
            registrations.add(registration);
        }
    }
}
