package io.jreign.otp.testing;

import io.jreign.otp.OtpNode;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.Ref;
import io.jreign.otp.etf.Tuple;
import io.jreign.otp.process.Proc;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real erl node running test resource {@code dist_peer.erl} (compiled into {@code dir} with
 * {@code Erl.compile("dist_peer", dir)}): started with {@code -sname}, a cookie and a private
 * EPMD port, it answers {@code {rpc, From, Ref, M, F, A}} sent to its registered {@code peer}.
 */
public final class ErlPeer implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path stderr;

    private ErlPeer(String name, Process process, Path stderr) {
        this.name = name;
        this.process = process;
        this.stderr = stderr;
    }

    /**
     * Starts {@code erl -sname name} with {@code extraArgs} (e.g. {@code -hidden}) and waits for
     * it to print READY; it pings {@code ping} first unless that is {@code none}.
     */
    public static ErlPeer start(Path dir, String name, String cookie, int epmdPort, String ping, String... extraArgs)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("erl", "-sname", name, "-setcookie", cookie, "-noshell",
                "-start_epmd", "false", "-pa", dir.toString()));
        command.addAll(List.of(extraArgs));
        command.addAll(List.of("-eval", "dist_peer:start('" + ping + "')"));
        Path stderr = dir.resolve(name + ".stderr");
        Process process = Erl.start(command, Map.of("ERL_EPMD_PORT", Integer.toString(epmdPort)), stderr);
        ErlPeer peer = new ErlPeer(name, process, stderr);
        try {
            peer.awaitReady();
        } catch (IOException | RuntimeException e) {
            peer.close();
            throw e;
        }
        return peer;
    }

    private void awaitReady() throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.equals("READY")) {
                return;
            }
            seen.append(line).append('\n');
        }
        throw new IOException("erl " + name + " ended before READY; stdout:\n" + seen + "stderr:\n" + Erl.read(stderr));
    }

    /** The node name, {@code name@host} as erl reports it. */
    public String node() {
        return name.contains("@") ? name : name + "@localhost";
    }

    /** The OS process, e.g. to stop or kill it. */
    public Process process() {
        return process;
    }

    /**
     * {@code apply(M, F, Args)} on this node, from {@code self} on {@code java}.
     *
     * @throws AssertionError if no answer comes within {@code timeout}
     */
    public Object rpc(OtpNode java, Proc self, Duration timeout, String module, String function, Object... args) {
        Ref ref = java.dist().refs().next();
        self.send("peer", node(), Tuple.of(Atom.of("rpc"), self.self(), ref, Atom.of(module), Atom.of(function),
                List.of(args)));
        Tuple answer = self.receive(Tuple.class, t -> t.size() == 2 && ref.equals(t.get(0)), timeout)
                .orElseThrow(() -> new AssertionError("no answer from " + node() + " to " + module + ":" + function
                        + " within " + timeout + "; its stderr:\n" + Erl.read(stderr)));
        return answer.get(1);
    }

    @Override
    public void close() {
        Erl.kill(process);
    }
}
