package io.jreign.chat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps the chat's console clean: SLF4J's simple binding writes the cluster's and Netty's log to a
 * file ({@code DIR/logs/NODE.log}, level INFO), or to stderr at WARN when the file cannot be made.
 * Must run before anything asks SLF4J for a logger; a {@code -Dorg.slf4j.simpleLogger.*} setting
 * given on the command line wins.
 */
final class ChatLogging {
    static final String FILE = "org.slf4j.simpleLogger.logFile";
    static final String LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    private ChatLogging() {}

    /**
     * Sends the log to {@code logs/<node>.log} under {@code dir}.
     *
     * @return where the log goes, for the banner
     */
    static String toFile(Path dir, String node) {
        Path file = dir.resolve("logs").resolve(node + ".log");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException | SecurityException e) {
            toStderr();
            return "stderr (warnings only)";
        }
        setDefault(FILE, file.toString());
        setDefault(LEVEL, "info");
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss.SSS");
        return System.getProperty(FILE);
    }

    /** Only warnings and errors, on stderr: the chat's stdout stays the conversation. */
    static void toStderr() {
        setDefault(FILE, "System.err");
        setDefault(LEVEL, "warn");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
