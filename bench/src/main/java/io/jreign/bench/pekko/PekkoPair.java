package io.jreign.bench.pekko;

import io.jreign.bench.remote.Child;
import io.jreign.bench.remote.OneWay;
import io.jreign.bench.remote.OneWaySink;
import io.jreign.bench.remote.Pki;
import io.jreign.bench.remote.Ports;
import io.jreign.bench.remote.RemoteJvm;
import io.jreign.bench.remote.TempDir;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.pattern.Patterns;

/**
 * Two Pekko actor systems on loopback over Artery TLS: {@code peer} in a peer JVM
 * ({@link PekkoPeerMain}) with node b's certtool key, {@code driver} here with node a's.
 * {@link #close} stops both and deletes the key stores.
 */
public final class PekkoPair implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final Duration ASK_TIMEOUT = Duration.ofSeconds(30);
    private static final Long REQUEST = 1L;

    private final TempDir dir = TempDir.create("pekko");
    private Child peer;
    private ActorSystem system;
    private ActorRef echo;
    private ActorRef sink;

    private PekkoPair() {}

    /** Starts both systems and resolves the peer's echo and sink (which connects them). */
    public static PekkoPair start() {
        PekkoPair pair = new PekkoPair();
        try {
            pair.open();
            return pair;
        } catch (Exception e) {
            pair.close();
            throw new IllegalStateException("cannot start the Pekko pair: " + e.getMessage(), e);
        }
    }

    private void open() throws Exception {
        int[] ports = Ports.free(2);
        Map<String, Integer> members = new LinkedHashMap<>();
        members.put("a", ports[0]);
        members.put("b", ports[1]);
        Pki pki = Pki.write(dir.path(), "jreign-bench-pekko", members);
        Path trust = pki.writeTrustStore(dir.resolve("trust.p12"));
        Path peerKeys = pki.writeKeyStore("b", dir.resolve("b.p12"));
        Path ownKeys = pki.writeKeyStore("a", dir.resolve("a.p12"));
        peer = Child.start("pekko peer", RemoteJvm.command(PekkoPeerMain.class, List.of(Integer.toString(ports[1]),
                peerKeys.toString(), trust.toString())), Map.of(), dir.resolve("pekko-peer.stderr"));
        system = ActorSystem.create("driver", PekkoConfig.tls(ports[0], ownKeys, trust));
        peer.awaitLine("READY", WAIT);
        String base = "pekko://" + PekkoPeerMain.SYSTEM + "@127.0.0.1:" + ports[1] + "/user/";
        echo = resolve(base + "echo");
        sink = resolve(base + "sink");
    }

    private ActorRef resolve(String path) throws Exception {
        return system.actorSelection(path).resolveOne(WAIT).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The local actor system. */
    public ActorSystem system() {
        return system;
    }

    /** The peer's echo actor. */
    public ActorRef echo() {
        return echo;
    }

    /** One call from a plain thread, Pekko's way: {@code ask} and wait for the answer. */
    public Object call() {
        return await(Patterns.ask(echo, REQUEST, ASK_TIMEOUT), ASK_TIMEOUT);
    }

    /** The peer's sink, sent {@code payload} with {@code tell}; batch ends are {@code ask}s. */
    public OneWaySink sink(Object payload) {
        ArrayDeque<CompletionStage<Object>> answers = new ArrayDeque<>();
        return new OneWaySink() {
            @Override
            public void send() {
                sink.tell(payload, ActorRef.noSender());
            }

            @Override
            public void endBatch() {
                answers.add(Patterns.ask(sink, SinkActor.BATCH_END, OneWay.ANSWER_TIMEOUT));
            }

            @Override
            public long awaitCount(Duration timeout) {
                CompletionStage<Object> answer = answers.poll();
                if (answer == null) {
                    throw new IllegalStateException("no batch end is waiting for an answer");
                }
                return (Long) await(answer, timeout);
            }
        };
    }

    private static Object await(CompletionStage<Object> answer, Duration timeout) {
        try {
            return answer.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no answer from the Pekko peer within " + timeout + ": " + e, e);
        }
    }

    @Override
    public void close() {
        try {
            if (system != null) {
                system.terminate();
                system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // the peer is stopped below either way
        } finally {
            try {
                if (peer != null) {
                    peer.close();
                }
            } finally {
                dir.close();
            }
        }
    }
}
