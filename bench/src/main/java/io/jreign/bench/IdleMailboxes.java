package io.jreign.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 10^6 idle mailboxes without threads ({@code node.newMailbox()}). One shot creates {@code count}
 * of them; the score is that time in milliseconds, and the secondary result {@code bytesEach} is
 * the heap used after full GC, after minus before, per mailbox (mailbox, address, its empty queue,
 * the node's table entry). Target: at most 200 bytes each.
 *
 * <p>Erlang has no mailbox without a process; the closest thing, used by
 * {@code bench/erlang/bench_idle.erl}, is a process hibernated in receive
 * ({@code erlang:hibernate/3}), the smallest receiving endpoint Erlang has, measured as
 * {@link SpawnBlocked} measures processes.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {BenchJvm.NATIVE_ACCESS, BenchJvm.UNSAFE_ACCESS, BenchJvm.MAX_HEAP})
public class IdleMailboxes {

    @Benchmark
    public void jreign(IdleMailboxState mailboxes) {
        mailboxes.createAll();
    }
}
