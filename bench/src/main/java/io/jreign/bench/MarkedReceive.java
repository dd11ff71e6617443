package io.jreign.bench;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.Mailbox;
import io.jreign.mailbox.Mark;
import io.jreign.mailbox.Node;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Receiving a reply while {@link #queued} unrelated messages wait in the mailbox. One operation:
 * send a tagged {@code Reply} to one's own mailbox and receive it selectively, in nanoseconds.
 * The mailbox is the benchmark thread's own, so nothing parks: this is the receive's scan cost.
 *
 * <ul>
 *   <li>{@link #withMark}: take a {@link Mark} first and receive after it, which skips the queued
 *       messages (OTP's receive-marker optimisation; Erlang measured 214 ns with 10,000 queued).</li>
 *   <li>{@link #withoutMark}: a plain selective receive with a predicate, which tests every queued
 *       message before reaching the reply (Erlang measured 65 µs with 10,000 queued).</li>
 * </ul>
 *
 * <p>Erlang equivalent ({@code bench/erlang/bench_marked.erl}): with 10,000 {@code {noise, N}}
 * messages queued, {@code Ref = make_ref(), self() ! {Ref, reply}, receive {Ref, R} -> R end}
 * (the compiler reserves a receive marker at {@code make_ref()}), and, without the optimisation,
 * {@code self() ! {reply, N}, receive {reply, N} -> ok end} with an integer tag.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchJvm.NATIVE_ACCESS, BenchJvm.UNSAFE_ACCESS, BenchJvm.MAX_HEAP})
@State(Scope.Thread)
public class MarkedReceive {
    record Noise(int n) {}

    record Reply(long tag) {}

    @Param({"0", "10000"})
    public int queued;

    private Node node;
    private Mailbox self;
    private Address me;
    private long lastTag;

    @Setup(Level.Trial)
    public void fill() {
        node = Node.start("bench-marked");
        self = node.newMailbox();
        me = self.address();
        for (int i = 0; i < queued; i++) {
            me.send(new Noise(i));
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        if (self.size() != queued) {
            throw new IllegalStateException("expected " + queued + " queued, found " + self.size());
        }
        node.close();
    }

    @Benchmark
    public Reply withMark() {
        long tag = ++lastTag;
        Mark mark = self.mark();
        me.send(new Reply(tag));
        return self.receive(mark, Reply.class, reply -> reply.tag() == tag);
    }

    @Benchmark
    public Reply withoutMark() {
        long tag = ++lastTag;
        me.send(new Reply(tag));
        return self.receive(Reply.class, reply -> reply.tag() == tag);
    }
}
