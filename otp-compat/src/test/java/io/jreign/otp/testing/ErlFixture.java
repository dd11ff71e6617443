package io.jreign.otp.testing;

import io.jreign.otp.OtpNodeConfig;
import io.jreign.otp.epmd.EpmdConfig;
import io.jreign.otp.epmd.EpmdServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What an IT against real erl nodes stands on: a temporary directory with the test's erl modules
 * compiled into it, a private embedded EPMD, node names of its own (a random suffix) and the erl
 * nodes it starts. {@link #close} stops those nodes and the EPMD and deletes the directory; close
 * the Java node first.
 */
public final class ErlFixture implements AutoCloseable {
    private final Path dir;
    private final String cookie;
    private final String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    private final List<ErlPeer> peers = new ArrayList<>();
    private EpmdServer epmd;

    private ErlFixture(Path dir, String cookie) {
        this.dir = dir;
        this.cookie = cookie;
    }

    /** Compiles {@code modules} (from the test resources) into a new directory and starts an EPMD. */
    public static ErlFixture start(String cookie, String... modules) throws Exception {
        ErlFixture fixture = new ErlFixture(Files.createTempDirectory("jreign-erl-it"), cookie);
        try {
            for (String module : modules) {
                Erl.compile(module, fixture.dir);
            }
            fixture.epmd = EpmdServer.start(EpmdConfig.fromEnvironment(Map.of()).withPort(0));
            return fixture;
        } catch (Exception | Error e) {
            fixture.close();
            throw e;
        }
    }

    /** The directory the modules are compiled into (and a place for the test's files). */
    public Path dir() {
        return dir;
    }

    /** {@code prefix<suffix>@localhost}: a node name no other run uses. */
    public String nodeName(String prefix) {
        return prefix + suffix + "@localhost";
    }

    /** A Java node named {@link #nodeName(String) nodeName(prefix)} on this fixture's EPMD and cookie. */
    public OtpNodeConfig javaNode(String prefix) {
        return OtpNodeConfig.of(nodeName(prefix), cookie).withEpmdPort(epmd.port());
    }

    /** Starts an erl node named {@code nodeName(prefix)} that pings {@code ping} ("none": nobody) first. */
    public ErlPeer erl(String prefix, String ping, String... extraArgs) throws Exception {
        ErlPeer peer = ErlPeer.start(dir, nodeName(prefix), cookie, epmd.port(), ping, extraArgs);
        peers.add(peer);
        return peer;
    }

    @Override
    public void close() throws Exception {
        try {
            peers.forEach(ErlPeer::close);
            if (epmd != null) {
                epmd.close();
            }
        } finally {
            Erl.deleteTree(dir);
        }
    }
}
