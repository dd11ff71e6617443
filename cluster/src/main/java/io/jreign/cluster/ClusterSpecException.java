package io.jreign.cluster;

import java.io.Serial;

/**
 * A cluster spec that cannot be used. The message starts with the field at fault, in the file's
 * terms ({@code nodes[1].listen: ...}, {@code timeouts.heartbeatTimeout: ...}); {@link #field()}
 * gives it alone.
 */
public final class ClusterSpecException extends IllegalArgumentException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String field;

    public ClusterSpecException(String field, String problem) {
        this(field, problem, null);
    }

    public ClusterSpecException(String field, String problem, Throwable cause) {
        super(field + ": " + problem, cause);
        this.field = field;
    }

    /** The field at fault, e.g. {@code nodes[1].listen}; {@code (file)} for an unreadable file. */
    public String field() {
        return field;
    }
}
