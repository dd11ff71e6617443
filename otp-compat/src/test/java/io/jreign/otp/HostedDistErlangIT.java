package io.jreign.otp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.Tuple;
import io.jreign.otp.gen.From;
import io.jreign.otp.gen.GenServer;
import io.jreign.otp.gen.Result;
import io.jreign.otp.gen.Server;
import io.jreign.otp.process.Proc;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@link DistErlangIT}'s tests against a Java node whose processes are hosted on their DIST readers
 * ({@link OtpNodeConfig#withHostedProcesses}), which busy-wait before they block
 * ({@link io.jreign.otp.dist.DistConfig#readerBusyWait()}), and a check that processes really run there.
 */
class HostedDistErlangIT extends DistErlangIT {

    @Override
    OtpNodeConfig configure(OtpNodeConfig config) {
        OtpNodeConfig hosted = config.withHostedProcesses(true);
        return hosted.withDist(hosted.dist().withReaderBusyWait(Duration.ofNanos(200_000)));
    }

    @Test
    void aServerThatErlCallsRunsOnTheReaderOfErlsConnection() {
        GenServer.start(java.processes(), "jcarrier", new CarrierServer(), null, WAIT);
        try (Proc self = java.newProc()) {
            Tuple jcarrier = Tuple.of(Atom.of("jcarrier"), Atom.of(java.name()));
            for (int i = 0; i < 20; i++) {
                Object carrier = rpc(self, "gen_server", "call", jcarrier, Atom.of("carrier"));
                assertTrue(carrier instanceof Atom a && a.name().startsWith("dist-reader "), "ran on " + carrier);
            }
        }
    }

    /** Answers every call with the name of the thread that carries its process now. */
    private static final class CarrierServer implements Server<Object> {
        @Override
        public Object init(Proc self, Object args) {
            return "carrier";
        }

        @Override
        public Result<Object> handleCall(Object request, From from, Object state) {
            String thread = Thread.currentThread().toString(); // VirtualThread[#id]/runnable@CARRIER
            return Result.reply(Atom.of(thread.substring(thread.indexOf('@') + 1)), state);
        }
    }
}
