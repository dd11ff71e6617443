package io.jreign.bench.remote;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM settings of every two-JVM benchmark, for both ends: the JMH forks ({@code @Fork}), the
 * drivers {@code bench/compare} starts, and the peer JVMs they start in turn, so that a jreign
 * figure and its baseline always run with the same flags.
 */
public final class RemoteJvm {
    /** jreign's own flags (as the root pom's {@code jreign.jvm.flags}). */
    public static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";
    public static final String UNSAFE_ACCESS = "--sun-misc-unsafe-memory-access=allow";
    /** Lets the hosted workloads build {@code Scheduler.hostedVirtualThreads}; the others do not use it. */
    public static final String OPEN_LANG = "--add-opens=java.base/java.lang=ALL-UNNAMED";
    /** Plenty for two windows of 1 KB messages in flight, and a fixed bound on every run. */
    public static final String HEAP = "-Xmx2g";
    /** Only warnings from the libraries' SLF4J loggers (slf4j-simple; also the jar's simplelogger.properties). */
    public static final String QUIET_LOGS = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn";

    /** The flags above, in order. */
    public static final List<String> FLAGS = List.of(NATIVE_ACCESS, UNSAFE_ACCESS, OPEN_LANG, HEAP, QUIET_LOGS);

    private RemoteJvm() {}

    /**
     * The command that runs {@code mainClass} with {@code args} in a new JVM: this JVM's
     * {@code java}, class path (under Surefire or Failsafe, the test class path, since
     * {@code java.class.path} may then be a launcher jar) and {@link #FLAGS}.
     */
    public static List<String> command(Class<?> mainClass, List<String> args) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(FLAGS);
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        command.addAll(List.of("-cp", classPath, mainClass.getName()));
        command.addAll(args);
        return command;
    }
}
