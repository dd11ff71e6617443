package io.jreign.bench.pekko;

import io.jreign.mailbox.spi.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;

/**
 * One of the concurrent callers, written as Pekko code would be: an actor that sends the next
 * request when the echo's answer arrives (no thread waits), until the deadline; then it counts
 * down {@code done}.
 */
final class CallerActor extends AbstractActor {
    /** Starts calling until {@code deadline} (the {@link Clock#system()} nanoTime). */
    record Start(long deadline) {}

    private static final Clock CLOCK = Clock.system();
    private static final Long REQUEST = 1L;

    private final ActorRef echo;
    private final LongAdder calls;
    private final CountDownLatch done;
    private long deadline;

    CallerActor(ActorRef echo, LongAdder calls, CountDownLatch done) {
        this.echo = echo;
        this.calls = calls;
        this.done = done;
    }

    @Override
    public Receive createReceive() {
        return receiveBuilder()
                .match(Start.class, start -> {
                    deadline = start.deadline();
                    echo.tell(REQUEST, getSelf());
                })
                .match(Long.class, reply -> {
                    calls.increment();
                    if (CLOCK.nanoTime() < deadline) {
                        echo.tell(REQUEST, getSelf());
                    } else {
                        done.countDown();
                    }
                })
                .build();
    }
}
