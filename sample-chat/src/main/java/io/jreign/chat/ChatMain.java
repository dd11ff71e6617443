package io.jreign.chat;

import io.jreign.cluster.ClusterNode;
import io.jreign.cluster.ClusterSpec;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sample-chat/bin/chat NODE [--config FILE | --dir DIR] [--base-port N]}: runs one chat node
 * at the console. Exit status 0 after {@code /quit}, 2 for bad input (a clear message on stderr),
 * 1 when something unexpected failed.
 */
@Command(name = "chat", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Runs chat node NODE of a jreign TLS cluster. Lines you type go to every other node online and show "
                    + "there as <NODE> text; /who lists who is online, /help the commands, /quit leaves.",
            "Without --config, the first run makes a chat cluster for nodes 1 and 2 on 127.0.0.1 (CA, certificates "
                    + "and cluster.json, with certtool's library) in --dir and later runs use it."},
        footer = {"", "Example, in two terminals:  sample-chat/bin/chat 1   and   sample-chat/bin/chat 2"})
public final class ChatMain implements Callable<Integer> {
    static final int BAD_INPUT = 2;

    @Parameters(index = "0", paramLabel = "NODE", description = "The node to run: 1 or 2, or a member of --config.")
    String node;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A cluster spec (cluster.json) to use instead of the chat's own cluster, e.g. one from "
                    + "'certtool cluster'. Logs go next to it, to logs/NODE.log.")
    Path config;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "The chat cluster's directory, made on the first run (default: $" + ChatDirectory.DIRECTORY_VARIABLE
                    + ", else ~/.jreign-chat).")
    Path dir;

    @Option(names = "--base-port", paramLabel = "N", defaultValue = "" + ChatDirectory.DEFAULT_BASE_PORT,
            description = "When the chat cluster is made: node 1's port; node 2 gets N+1 (default: ${DEFAULT-VALUE}).")
    int basePort;

    private final PrintStream stdout;

    ChatMain(PrintStream stdout) {
        this.stdout = stdout;
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.exit(commandLine(stdout).execute(args));
    }

    static CommandLine commandLine(PrintStream stdout) {
        CommandLine line = new CommandLine(new ChatMain(stdout));
        line.setExecutionExceptionHandler((exception, commandLine, parsed) -> {
            if (exception instanceof ChatSetupException || exception instanceof IllegalArgumentException
                    || exception instanceof IllegalStateException) {
                commandLine.getErr().println("chat: " + exception.getMessage());
                return BAD_INPUT;
            }
            throw exception;
        });
        return line;
    }

    @Override
    public Integer call() {
        if (config != null && dir != null) {
            throw new ChatSetupException("give --config or --dir, not both");
        }
        Path specFile;
        Path home;
        if (config != null) {
            specFile = config.toAbsolutePath().normalize();
            home = specFile.getParent();
        } else {
            home = (dir != null ? dir : ChatDirectory.defaultDirectory()).toAbsolutePath().normalize();
            ChatDirectory.Prepared prepared = ChatDirectory.prepare(home, basePort, Clock.systemUTC());
            stdout.println(prepared.created()
                    ? "Made a chat cluster in " + home + ": a CA, certificates and cluster.json for nodes 1 and 2."
                    : "Using the chat cluster in " + home + ".");
            specFile = prepared.specFile();
        }
        ClusterSpec spec = ClusterSpec.load(specFile);
        if (!spec.isMember(node)) {
            throw new ChatSetupException("no node " + node + " in " + specFile + "; its nodes are " + names(spec));
        }
        String log = ChatLogging.toFile(home, node); // before the first logger: the node name is a member's now
        ClusterNode cluster = start(spec);
        stdout.println("Node " + node + " of cluster \"" + spec.cluster() + "\", listening on "
                + spec.member(node).listen() + "; log: " + log);
        stdout.println("Other nodes: " + others(spec));
        stdout.println("Type a line and press Enter to say it to everyone online; " + ChatText.COMMANDS + ".");
        ChatSession session = ChatSession.start(cluster, new InputStreamReader(System.in, StandardCharsets.UTF_8),
                this::show);
        Runtime.getRuntime().addShutdownHook(new Thread(session::leave, "chat-leave"));
        return session.awaitEnd();
    }

    private ClusterNode start(ClusterSpec spec) {
        try {
            return ClusterNode.builder(spec, node).register(Said.class).start();
        } catch (IllegalStateException e) {
            throw new ChatSetupException(e.getMessage() + " (is node " + node + " running already?)", e);
        }
    }

    private void show(String line) {
        stdout.println(line);
    }

    private String others(ClusterSpec spec) {
        List<String> others = names(spec).stream().filter(name -> !name.equals(node)).toList();
        if (others.isEmpty()) {
            return "none";
        }
        String how = config != null ? " --config " + config : dir != null ? " --dir " + dir : "";
        return String.join(", ", others) + " (to start one, in another terminal: sample-chat/bin/chat "
                + others.getFirst() + how + ")";
    }

    private static List<String> names(ClusterSpec spec) {
        return spec.nodes().stream().map(ClusterSpec.Member::name).toList();
    }
}
