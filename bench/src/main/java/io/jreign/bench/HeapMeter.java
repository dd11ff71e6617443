package io.jreign.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Heap in use after full collections, for bytes-per-object figures. */
final class HeapMeter {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final int MAX_COLLECTIONS = 8;

    private HeapMeter() {}

    /**
     * Heap used after {@link System#gc()} (a full collection with G1), repeated until two readings
     * in a row agree within 0.1% (at most {@value #MAX_COLLECTIONS} times).
     */
    static long usedAfterFullGc() {
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < MAX_COLLECTIONS; i++) {
            System.gc();
            long used = MEMORY.getHeapMemoryUsage().getUsed();
            if (Math.abs(previous - used) <= used / 1000) {
                return used;
            }
            previous = used;
        }
        return previous;
    }
}
