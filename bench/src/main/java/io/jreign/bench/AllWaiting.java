package io.jreign.bench;

/**
 * Waits until threads are parked, by polling their state: the proof that each reached its wait.
 * Meant to run on a virtual thread, whose {@link Thread#yield()} hands the carrier to the threads
 * still starting.
 */
final class AllWaiting {
    private AllWaiting() {}

    /** Returns once each of the first {@code count} threads is in {@link Thread.State#WAITING}. */
    static void await(Thread[] threads, int count) {
        for (int i = 0; i < count; i++) {
            Thread thread = threads[i];
            while (thread.getState() != Thread.State.WAITING) {
                Thread.yield();
            }
        }
    }
}
