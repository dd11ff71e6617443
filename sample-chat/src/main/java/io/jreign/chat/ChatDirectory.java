package io.jreign.chat;

import io.jreign.certtool.CertToolException;
import io.jreign.certtool.ClusterCredentials;
import io.jreign.certtool.ClusterDirectory;
import io.jreign.certtool.ClusterRequest;
import io.jreign.certtool.ClusterSpecFile;
import io.jreign.certtool.Host;
import io.jreign.certtool.NodeName;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The chat's own cluster directory, made on the first run with certtool's library API (what
 * {@code certtool cluster --nodes 1,2 --host 127.0.0.1 --base-port 7470} makes):
 * <pre>
 * DIR/ca/ca.pem, ca.key               the cluster CA
 * DIR/nodes/1/, DIR/nodes/2/          node.pem, node.key, ca.pem of each node
 * DIR/cluster.json                    nodes 1 and 2 on 127.0.0.1, ports BASE and BASE+1
 * DIR/logs/NODE.log                   each node's log (written by {@link ChatLogging})
 * </pre>
 * Two nodes may start at once on a new directory: an exclusive lock on {@code DIR/.lock} (a file
 * lock between processes, a monitor within one JVM) lets one make the cluster while the other
 * waits, then uses it. The directory is complete once {@code cluster.json} exists (certtool writes
 * it last); a creation cut short (marked by {@code DIR/.creating}) is made again from scratch.
 */
public final class ChatDirectory {
    /** The nodes of the chat cluster made on the first run. */
    public static final List<String> NODES = List.of("1", "2");

    /** Node {@code 1}'s port; node {@code 2} gets the next one. */
    public static final int DEFAULT_BASE_PORT = 7470;

    /** The cluster's name in {@code cluster.json}. */
    public static final String CLUSTER_NAME = "jreign-chat";

    /** The environment variable that moves the default directory. */
    public static final String DIRECTORY_VARIABLE = "JREIGN_CHAT_DIR";

    static final String LOCK_FILE = ".lock";
    static final String CREATING_MARKER = ".creating";
    private static final Host HOST = Host.parse("127.0.0.1");
    private static final Object IN_THIS_JVM = new Object();

    /**
     * What {@link #prepare} found or made.
     *
     * @param specFile the cluster spec, {@code DIR/cluster.json}
     * @param created whether this call made the cluster (false: it existed, or another process made it)
     */
    public record Prepared(Path specFile, boolean created) {}

    private ChatDirectory() {}

    /**
     * The directory used without {@code --dir}: {@code $JREIGN_CHAT_DIR} if set, else
     * {@code ~/.jreign-chat}.
     */
    public static Path defaultDirectory() {
        String fromEnvironment = System.getenv(DIRECTORY_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment);
        }
        return Path.of(System.getProperty("user.home"), ".jreign-chat");
    }

    /**
     * Uses the chat cluster in {@code dir}, making it first if it has no {@code cluster.json}.
     *
     * @param basePort node 1's port when the cluster is made (node 2 gets the next); ignored when
     *     it exists
     * @param clock the certificates' validity starts now on this clock
     * @throws ChatSetupException naming the directory when it cannot be made or holds something
     *     else than a chat cluster
     */
    public static Prepared prepare(Path dir, int basePort, Clock clock) {
        Path root = dir.toAbsolutePath().normalize();
        synchronized (IN_THIS_JVM) {
            try {
                Files.createDirectories(root);
            } catch (IOException e) {
                throw new ChatSetupException("cannot create the chat directory " + root + ": " + e, e);
            }
            try (FileChannel channel = FileChannel.open(root.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                return prepareLocked(root, basePort, clock);
            } catch (IOException e) {
                throw new ChatSetupException("cannot lock " + root.resolve(LOCK_FILE) + ": " + e, e);
            }
        }
    }

    private static Prepared prepareLocked(Path root, int basePort, Clock clock) throws IOException {
        Path specFile = ClusterSpecFile.file(root);
        if (Files.exists(specFile)) {
            return new Prepared(specFile, false);
        }
        Path marker = root.resolve(CREATING_MARKER);
        boolean resuming = Files.exists(marker);
        if (!resuming && (Files.exists(ClusterDirectory.caDirectory(root))
                || Files.exists(root.resolve(ClusterDirectory.NODES_DIRECTORY)))) {
            throw new ChatSetupException(root + " holds ca/ or nodes/ but no " + ClusterSpecFile.FILE_NAME
                    + ", so it is not a chat cluster made by this tool; give another --dir (or remove it)");
        }
        List<NodeName> nodes = NODES.stream().map(NodeName::of).toList();
        try {
            ClusterSpecFile spec = ClusterSpecFile.consecutive(CLUSTER_NAME, HOST, nodes, basePort);
            Files.writeString(marker, "a chat cluster is being made here; if no process is, it was cut short\n");
            ClusterCredentials credentials = ClusterCredentials.generate(
                    ClusterRequest.defaults(nodes, List.of(HOST), clock.instant()));
            ClusterDirectory.write(root, credentials, spec, Optional.empty(), resuming);
            Files.delete(marker);
        } catch (CertToolException e) {
            throw new ChatSetupException(e.getMessage(), e);
        }
        return new Prepared(specFile, true);
    }
}
