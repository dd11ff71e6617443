package io.jreign.bench.echo;

/** One connection to an echo server: a round trip writes {@value #SIZE} bytes and reads them back. */
public interface EchoClient extends AutoCloseable {
    /** The message size: about a small cluster frame (length prefix, type, a call with an address and a tag). */
    int SIZE = 32;

    /**
     * Writes the message and returns once all of it came back.
     *
     * @return the number of bytes that came back
     */
    int roundTrip();

    @Override
    void close();
}
