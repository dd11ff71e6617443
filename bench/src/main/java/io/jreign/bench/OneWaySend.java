package io.jreign.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One-way send throughput: producers send small messages (a shared constant, as an Erlang atom)
 * to one consumer process that drains its mailbox. One operation is one message sent and received
 * by the consumer; the score is messages per second, summed over the producers.
 *
 * <p>Each invocation sends a batch of {@value #BATCH} messages ending in a batch-end message that
 * the consumer acknowledges; a producer keeps at most two batches in flight (see {@link Producer}),
 * so the benchmark measures delivery, not filling the heap. The last batch of an iteration is
 * counted when sent and settled in the teardown: it overstates by at most one batch per producer
 * per iteration (under 0.5%).
 *
 * <p>Producers are the benchmark threads (platform threads; a send never blocks, so the kind of
 * thread matters little); the consumer is a spawned process.
 *
 * <p>Erlang equivalent ({@code bench/erlang/bench_oneway.erl}): 1 or 4 producer processes each
 * sending batches of {@code msg} atoms plus {@code {batch_end, self()}} to one consumer process
 * that acks them, with the same window of two batches.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchJvm.NATIVE_ACCESS, BenchJvm.UNSAFE_ACCESS, BenchJvm.MAX_HEAP})
public class OneWaySend {
    static final int BATCH = 5_000;

    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(BATCH)
    public void oneProducer(DrainingConsumer consumer, Producer producer) {
        producer.sendBatch(consumer.consumer, BATCH);
    }

    @Benchmark
    @Threads(4)
    @OperationsPerInvocation(BATCH)
    public void fourProducers(DrainingConsumer consumer, Producer producer) {
        producer.sendBatch(consumer.consumer, BATCH);
    }
}
