package io.jreign.bench.pekko;

import io.jreign.bench.remote.Lifeline;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;

/**
 * The far end of the Pekko baseline, in a JVM of its own: {@code PekkoPeerMain PORT KEYSTORE TRUSTSTORE}
 * starts actor system {@code peer} on 127.0.0.1:PORT (Artery over TLS, {@link PekkoConfig}) with
 * {@code /user/echo} ({@link EchoActor}) and {@code /user/sink} ({@link SinkActor}), prints
 * {@code READY}, and runs until its standard input ends.
 */
public final class PekkoPeerMain {
    static final String SYSTEM = "peer";

    private PekkoPeerMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: PekkoPeerMain PORT KEYSTORE TRUSTSTORE");
            System.exit(2);
        }
        ActorSystem system = ActorSystem.create(SYSTEM,
                PekkoConfig.tls(Integer.parseInt(args[0]), Path.of(args[1]), Path.of(args[2])));
        try {
            system.actorOf(Props.create(EchoActor.class, EchoActor::new), "echo");
            system.actorOf(Props.create(SinkActor.class, SinkActor::new), "sink");
            System.out.println("READY");
            System.out.flush();
            Lifeline.awaitEnd();
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
