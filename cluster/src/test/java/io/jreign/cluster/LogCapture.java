package io.jreign.cluster;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what the cluster logs (SLF4J goes to java.util.logging in tests) so that tests can
 * check that a refusal was logged with its reason.
 */
final class LogCapture extends Handler implements AutoCloseable {
    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    private final Logger logger;

    private LogCapture(String loggerName) {
        this.logger = Logger.getLogger(loggerName);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    static LogCapture of(String loggerName) {
        return new LogCapture(loggerName);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /** Whether some line contains all of {@code parts}. */
    boolean has(String... parts) {
        return lines.stream().anyMatch(line -> {
            for (String part : parts) {
                if (!line.contains(part)) {
                    return false;
                }
            }
            return true;
        });
    }

    @Override
    public void publish(LogRecord record) {
        String message = record.getMessage();
        if (record.getParameters() != null && record.getParameters().length > 0) {
            message = java.text.MessageFormat.format(message, record.getParameters());
        }
        lines.add(record.getLevel() + " " + record.getLoggerName() + ": " + message);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
