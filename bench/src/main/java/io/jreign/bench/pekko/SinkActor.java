package io.jreign.bench.pekko;

import org.apache.pekko.actor.AbstractActor;

/** Counts what it receives; answers {@link #BATCH_END} with the count (a {@code Long}), that message included. */
final class SinkActor extends AbstractActor {
    static final String BATCH_END = "batch_end";

    private long received;

    @Override
    public Receive createReceive() {
        return receiveBuilder()
                .matchEquals(BATCH_END, end -> getSender().tell(++received, getSelf()))
                .matchAny(message -> received++)
                .build();
    }
}
