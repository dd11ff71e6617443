package io.jreign.bench.remote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Free TCP ports on loopback for the peers to listen on. */
public final class Ports {
    private Ports() {}

    /** {@code count} distinct ports that were free a moment ago. */
    public static int[] free(int count) {
        Set<Integer> ports = new HashSet<>();
        int[] result = new int[count];
        for (int i = 0; i < count; i++) {
            int port;
            do {
                port = one();
            } while (!ports.add(port));
            result[i] = port;
        }
        return result;
    }

    private static int one() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
