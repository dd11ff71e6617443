package io.jreign.otp.dist;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.mailbox.spi.Cancellable;
import io.jreign.mailbox.spi.Clock;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link SocketInput}'s busy wait ({@link DistConfig#readerBusyWait()}). */
class SocketInputTest {
    /** A clock that never moves: only the bound on polls can end a busy wait on it. */
    private static final Clock STOPPED = new Clock() {
        @Override
        public long nanoTime() {
            return 0;
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            throw new UnsupportedOperationException("not used here");
        }
    };

    private interface Connected {
        void run(SocketInput in, OutputStream out) throws Exception;
    }

    private static void withConnection(Connected body) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket accepted = server.accept()) {
            body.run(new SocketInput(accepted.getInputStream()), client.getOutputStream());
        }
    }

    @Test
    void aBusyWaitingReadReturnsWhatWasWrittenWhileItPolledAndAfter() throws Exception {
        withConnection((in, out) -> {
            in.busyWait(TimeUnit.MILLISECONDS.toNanos(5), Clock.system());
            CompletableFuture<Long> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return in.readLong();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            out.write(new byte[] {0, 0, 0, 0, 0, 0, 0, 42});
            out.flush();
            assertEquals(42L, read.get(10, TimeUnit.SECONDS));
            // Past its busy wait the reader blocks as before, and still gets the next packet.
            CompletableFuture<Integer> next = CompletableFuture.supplyAsync(() -> {
                try {
                    return in.readInt();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThrows(java.util.concurrent.TimeoutException.class, () -> next.get(50, TimeUnit.MILLISECONDS));
            out.write(new byte[] {0, 0, 0, 7});
            out.flush();
            assertEquals(7, next.get(10, TimeUnit.SECONDS));
            assertEquals(0, in.buffered());
        });
    }

    @Test
    void onAClockThatStandsStillTheBusyWaitEndsAfterItsPollsAndTheReadBlocksUntilInput() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket accepted = server.accept()) {
            AtomicLong polls = new AtomicLong();
            SocketInput in = new SocketInput(new FilterInputStream(accepted.getInputStream()) {
                @Override
                public int available() throws IOException {
                    polls.incrementAndGet();
                    return super.available();
                }
            });
            long busyWait = TimeUnit.MILLISECONDS.toNanos(1);
            long mostPolls = busyWait / 50;
            in.busyWait(busyWait, STOPPED);
            CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return in.readInt();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> polls.get() >= mostPolls);
            OutputStream out = client.getOutputStream();
            out.write(new byte[] {0, 0, 1, 0});
            out.flush();
            assertEquals(256, read.get(30, TimeUnit.SECONDS));
            assertEquals(mostPolls, polls.get(), "it polled, then blocked in the read");
        }
    }

    @Test
    void aReaderBusyWaitOutsideZeroToOneSecondIsRefused() {
        DistConfig defaults = DistConfig.defaults();
        assertEquals(Duration.ZERO, defaults.readerBusyWait());
        assertEquals(Duration.ofNanos(200_000), defaults.withReaderBusyWait(Duration.ofNanos(200_000)).readerBusyWait());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> defaults.withReaderBusyWait(Duration.ofNanos(-1)));
        assertTrue(negative.getMessage().contains("readerBusyWait"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> defaults.withReaderBusyWait(Duration.ofMillis(1_001)));
        assertThrows(IllegalArgumentException.class, () -> defaults.withReaderBusyWait(null));
    }
}
