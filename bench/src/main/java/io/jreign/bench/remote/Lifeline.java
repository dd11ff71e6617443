package io.jreign.bench.remote;

import java.io.IOException;

/**
 * The peer side of {@link Child}'s lifeline: a peer's main thread ends here, returning when the
 * parent closes the peer's standard input or dies.
 */
public final class Lifeline {
    private Lifeline() {}

    /** Reads standard input until it ends. */
    public static void awaitEnd() {
        try {
            while (System.in.read() >= 0) {
                // the parent never writes; anything it does is ignored
            }
        } catch (IOException e) {
            // a broken pipe is an end too
        }
    }
}
