package io.jreign.otp.epmd;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer to {@code NAMES_REQ}.
 *
 * @param epmdPort the port EPMD says it listens on
 * @param nodes    registered short names and their distribution ports, in EPMD's order
 */
public record EpmdNames(int epmdPort, Map<String, Integer> nodes) {
    /** Copies {@code nodes}, keeping their order. */
    public EpmdNames {
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    }
}
