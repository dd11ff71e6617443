package io.jreign.bench;

import io.jreign.cluster.KryoSerializer;
import io.jreign.cluster.Serializer;
import io.jreign.mailbox.Address;
import io.jreign.mailbox.NodeId;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One record message through the cluster's default serializer, encoded and decoded, in
 * nanoseconds: what each message costs its sender and its receiver before the network.
 *
 * <ul>
 *   <li>{@link #jreign}: {@link KryoSerializer} as shipped, whose records go through jreign's own
 *       record serializer (method handles bound once per class, primitives written unboxed).</li>
 *   <li>{@link #kryoRecordSerializer}: the same serializer, pool and registrations, with the message
 *       class registered with Kryo 5.6's {@code RecordSerializer} instead (accessors through
 *       {@code Method.invoke}, primitives boxed): the baseline.</li>
 * </ul>
 *
 * The message is a typical one: a sender address, two numbers, a price, a symbol and an enum.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchJvm.NATIVE_ACCESS, BenchJvm.UNSAFE_ACCESS, BenchJvm.MAX_HEAP})
@State(Scope.Thread)
public class RecordSerialization {
    public enum Side { BUY, SELL }

    public record Quote(Address from, long orderId, int quantity, double price, String symbol, Side side) {}

    private static final int MAX_BYTES = 1 << 20;
    private static final Serializer.Context CONTEXT = Address::of;

    private final KryoSerializer jreign = KryoSerializer.builder().register(Side.class, Quote.class).build();
    @SuppressWarnings("removal")
    private final KryoSerializer stock = KryoSerializer.builder().register(Side.class)
            .register(Quote.class, new com.esotericsoftware.kryo.serializers.RecordSerializer<>(Quote.class))
            .build();
    private final Quote quote = new Quote(Address.of(new NodeId("trader", 17), 4_242), 1_234_567_890_123L, 250,
            101.375, "JREIGN", Side.BUY);

    @Benchmark
    public Object jreign() {
        return roundTrip(jreign);
    }

    @Benchmark
    public Object kryoRecordSerializer() {
        return roundTrip(stock);
    }

    private Object roundTrip(KryoSerializer serializer) {
        byte[] bytes = serializer.encode(quote, MAX_BYTES);
        return serializer.decode(bytes, 0, bytes.length, CONTEXT);
    }

    /** The message both benchmarks carry, for the build's check that they carry it intact. */
    Quote quote() {
        return quote;
    }
}
