package io.jreign.bench;

/** Messages without payload, as Erlang's atoms {@code pong}, {@code done}, {@code ack}, {@code msg}. */
enum Signal {
    PONG,
    DONE,
    ACK,
    MSG
}
