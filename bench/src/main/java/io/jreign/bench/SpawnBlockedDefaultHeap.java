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
 * {@link SpawnBlocked}'s jreign workload on the default young generation (only {@code -Xmx8g}):
 * G1 copies the surviving processes while they are being created, which is most of the time.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {BenchJvm.NATIVE_ACCESS, BenchJvm.UNSAFE_ACCESS, BenchJvm.MAX_HEAP})
public class SpawnBlockedDefaultHeap {

    @Benchmark
    public void jreign(BlockedProcesses processes) throws InterruptedException {
        processes.spawnAllAndAwaitBlocked();
    }
}
