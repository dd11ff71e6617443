package io.jreign.bench.pekko;

import org.apache.pekko.actor.AbstractActor;

/** Answers every message with itself, to its sender: the round trip's server. */
final class EchoActor extends AbstractActor {
    @Override
    public Receive createReceive() {
        return receiveBuilder().matchAny(message -> getSender().tell(message, getSelf())).build();
    }
}
