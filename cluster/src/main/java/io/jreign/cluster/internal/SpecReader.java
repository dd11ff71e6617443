package io.jreign.cluster.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jreign.cluster.ClusterSpec;
import io.jreign.cluster.ClusterSpec.Endpoint;
import io.jreign.cluster.ClusterSpec.Limits;
import io.jreign.cluster.ClusterSpec.Member;
import io.jreign.cluster.ClusterSpec.Timeouts;
import io.jreign.cluster.ClusterSpecException;
import io.jreign.mailbox.Names;
import io.jreign.mailbox.NodeId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@link ClusterSpec} from JSON, field by field, so that every error names its field. The
 * format is documented on {@link ClusterSpec}.
 */
public final class SpecReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLACEHOLDER = "{node}";
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB)?");
    private static final Pattern CLASS_NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*(\\[])*");
    private static final Set<String> TOP = Set.of("cluster", "ca", "certificate", "key", "serializer", "register",
            "timeouts", "limits", "nodes");
    private static final Set<String> NODE = Set.of("name", "advertise", "listen", "certificate", "key");
    private static final Set<String> TIMEOUTS = Set.of("heartbeatInterval", "heartbeatTimeout", "connectTimeout",
            "undeliverableWait", "sendTimeout", "reconnectMin", "reconnectMax");
    private static final Set<String> LIMITS = Set.of("maxFrameSize", "outboundQueue", "maxNamesPerNode");
    /** The largest frame the wire format allows: the length prefix is an unsigned 31-bit value in practice. */
    private static final long MAX_FRAME_LIMIT = 1L << 30;

    private SpecReader() {}

    public static ClusterSpec load(Path file) {
        String json;
        try {
            json = Files.readString(file);
        } catch (IOException e) {
            throw new ClusterSpecException("(file)", "cannot read " + file + ": " + e, e);
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(json, base);
    }

    public static ClusterSpec parse(String json, Path baseDir) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ClusterSpecException("(file)", "not valid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ClusterSpecException("(file)", "the spec must be a JSON object");
        }
        checkFields(root, "", TOP);
        String cluster = text(root, "cluster", "cluster", true);
        if (cluster.isBlank()) {
            throw new ClusterSpecException("cluster", "must not be blank");
        }
        Path ca = baseDir.resolve(text(root, "ca", "ca", true));
        if (!Files.isReadable(ca)) {
            throw new ClusterSpecException("ca", "cannot read the CA certificate " + ca);
        }
        String serializer = root.has("serializer") ? text(root, "serializer", "serializer", true) : "kryo";
        if (!serializer.equals("kryo")) {
            throw new ClusterSpecException("serializer", "unknown serializer \"" + serializer + "\"; the built-in one is \"kryo\"");
        }
        List<String> registrations = registrations(root.get("register"));
        Timeouts timeouts = timeouts(root.get("timeouts"));
        Limits limits = limits(root.get("limits"));
        String certificate = root.has("certificate") ? text(root, "certificate", "certificate", true) : null;
        String key = root.has("key") ? text(root, "key", "key", true) : null;
        List<Member> nodes = nodes(root.get("nodes"), baseDir, certificate, key);
        return new ClusterSpec(cluster, ca, serializer, registrations, timeouts, limits, nodes);
    }

    /** Parses {@code host:port}, {@code [v6]:port}. */
    public static Endpoint endpoint(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("expected host:port, got nothing");
        }
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("expected [ipv6]:port, got \"" + text + '"');
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || text.indexOf(':') != colon) {
                throw new IllegalArgumentException("expected host:port, got \"" + text + '"');
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
        }
        if (host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("bad host in \"" + text + '"');
        }
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in \"" + text + '"');
        }
        if (number < 0 || number > 65_535) {
            throw new IllegalArgumentException("port " + number + " out of range 0..65535");
        }
        return new Endpoint(host, number);
    }

    private static List<Member> nodes(JsonNode array, Path baseDir, String certificate, String key) {
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw new ClusterSpecException("nodes", "must be a non-empty array of nodes");
        }
        List<Member> members = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        Map<Endpoint, Integer> advertised = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            String at = "nodes[" + i + "]";
            JsonNode node = array.get(i);
            if (!node.isObject()) {
                throw new ClusterSpecException(at, "must be an object");
            }
            checkFields(node, at + '.', NODE);
            String name = text(node, "name", at + ".name", true);
            try {
                new NodeId(name, 1);
            } catch (IllegalArgumentException e) {
                throw new ClusterSpecException(at + ".name", e.getMessage());
            }
            Integer before = names.putIfAbsent(name, i);
            if (before != null) {
                throw new ClusterSpecException(at + ".name", "\"" + name + "\" is also the name of nodes[" + before + "]");
            }
            Endpoint advertise = endpointField(node, "advertise", at, true);
            if (advertise.port() == 0) {
                throw new ClusterSpecException(at + ".advertise", "port 0 cannot be dialled; give the real port");
            }
            Integer same = advertised.putIfAbsent(advertise, i);
            if (same != null) {
                throw new ClusterSpecException(at + ".advertise", advertise + " is also advertised by nodes[" + same + "]");
            }
            Endpoint listen = node.has("listen") ? endpointField(node, "listen", at, true)
                    : new Endpoint("0.0.0.0", advertise.port());
            Path cert = path(node, "certificate", at, certificate, name, baseDir, array.size());
            Path privateKey = path(node, "key", at, key, name, baseDir, array.size());
            members.add(new Member(name, advertise, listen, cert, privateKey));
        }
        return members;
    }

    private static Path path(JsonNode node, String field, String at, String template, String name, Path baseDir,
            int nodeCount) {
        if (node.has(field)) {
            String own = text(node, field, at + '.' + field, true);
            return baseDir.resolve(own.replace(PLACEHOLDER, name));
        }
        if (template == null) {
            throw new ClusterSpecException(at + '.' + field,
                    "missing: give \"" + field + "\" here or a top-level \"" + field + "\" with " + PLACEHOLDER);
        }
        if (nodeCount > 1 && !template.contains(PLACEHOLDER)) {
            throw new ClusterSpecException(field, "shared by " + nodeCount + " nodes but has no " + PLACEHOLDER
                    + " placeholder: \"" + template + '"');
        }
        return baseDir.resolve(template.replace(PLACEHOLDER, name));
    }

    private static Endpoint endpointField(JsonNode node, String field, String at, boolean required) {
        String text = text(node, field, at + '.' + field, required);
        try {
            return endpoint(text);
        } catch (IllegalArgumentException e) {
            throw new ClusterSpecException(at + '.' + field, e.getMessage());
        }
    }

    private static List<String> registrations(JsonNode array) {
        if (array == null) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new ClusterSpecException("register", "must be an array of class names");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            String at = "register[" + i + "]";
            if (!item.isTextual() || !CLASS_NAME.matcher(item.asText()).matches()) {
                throw new ClusterSpecException(at, "must be a class name such as \"com.example.Ping\", got " + item);
            }
            if (names.contains(item.asText())) {
                throw new ClusterSpecException(at, item.asText() + " is listed twice");
            }
            names.add(item.asText());
        }
        return names;
    }

    private static Timeouts timeouts(JsonNode object) {
        Timeouts d = Timeouts.DEFAULTS;
        if (object == null) {
            return d;
        }
        if (!object.isObject()) {
            throw new ClusterSpecException("timeouts", "must be an object");
        }
        checkFields(object, "timeouts.", TIMEOUTS);
        Timeouts t = new Timeouts(
                duration(object, "heartbeatInterval", d.heartbeatInterval()),
                duration(object, "heartbeatTimeout", d.heartbeatTimeout()),
                duration(object, "connectTimeout", d.connectTimeout()),
                duration(object, "undeliverableWait", d.undeliverableWait()),
                duration(object, "sendTimeout", d.sendTimeout()),
                duration(object, "reconnectMin", d.reconnectMin()),
                duration(object, "reconnectMax", d.reconnectMax()));
        if (t.heartbeatTimeout().compareTo(t.heartbeatInterval()) <= 0) {
            throw new ClusterSpecException("timeouts.heartbeatTimeout", "must be longer than heartbeatInterval ("
                    + t.heartbeatInterval() + "), was " + t.heartbeatTimeout());
        }
        if (t.reconnectMax().compareTo(t.reconnectMin()) < 0) {
            throw new ClusterSpecException("timeouts.reconnectMax", "must not be shorter than reconnectMin ("
                    + t.reconnectMin() + "), was " + t.reconnectMax());
        }
        return t;
    }

    private static Duration duration(JsonNode object, String field, Duration fallback) {
        if (!object.has(field)) {
            return fallback;
        }
        String at = "timeouts." + field;
        String text = text(object, field, at, true).trim();
        Duration value;
        Matcher m = DURATION.matcher(text);
        if (m.matches()) {
            long amount;
            try {
                amount = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw new ClusterSpecException(at, "number too large: \"" + text + '"');
            }
            value = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        } else {
            try {
                value = Duration.parse(text.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new ClusterSpecException(at, "expected a duration such as \"250ms\", \"5s\", \"2m\" or \"PT5S\", got \""
                        + text + '"');
            }
        }
        if (value.isNegative() || value.isZero()) {
            throw new ClusterSpecException(at, "must be positive, was " + text);
        }
        if (value.compareTo(Duration.ofDays(1)) > 0) {
            throw new ClusterSpecException(at, "must be at most one day, was " + text);
        }
        return value;
    }

    private static Limits limits(JsonNode object) {
        Limits d = Limits.DEFAULTS;
        if (object == null) {
            return d;
        }
        if (!object.isObject()) {
            throw new ClusterSpecException("limits", "must be an object");
        }
        checkFields(object, "limits.", LIMITS);
        long frame = size(object, "maxFrameSize", d.maxFrameSize());
        if (frame < 1024 || frame > MAX_FRAME_LIMIT) {
            throw new ClusterSpecException("limits.maxFrameSize", "must be between 1KiB and 1GiB, was " + frame + " bytes");
        }
        long queue = size(object, "outboundQueue", Math.max(d.outboundQueueBytes(), frame));
        if (queue < frame) {
            throw new ClusterSpecException("limits.outboundQueue", "must be at least maxFrameSize (" + frame
                    + " bytes), was " + queue + " bytes");
        }
        int names = d.maxNamesPerNode();
        JsonNode namesField = object.get("maxNamesPerNode");
        if (namesField != null) {
            if (!namesField.isIntegralNumber() || !namesField.canConvertToLong() || namesField.asLong() < 1
                    || namesField.asLong() > Names.MAX_CLAIMS_PER_REMOTE_NODE) {
                throw new ClusterSpecException("limits.maxNamesPerNode", "must be a number from 1 to "
                        + Names.MAX_CLAIMS_PER_REMOTE_NODE + ", was " + namesField);
            }
            names = namesField.asInt();
        }
        return new Limits((int) frame, queue, names);
    }

    private static long size(JsonNode object, String field, long fallback) {
        JsonNode value = object.get(field);
        String at = "limits." + field;
        if (value == null) {
            return fallback;
        }
        if (value.isIntegralNumber()) {
            if (!value.canConvertToLong() || value.asLong() <= 0) {
                throw new ClusterSpecException(at, "must be a positive number of bytes, was " + value);
            }
            return value.asLong();
        }
        if (!value.isTextual()) {
            throw new ClusterSpecException(at, "expected bytes as a number or a string such as \"8MiB\", got " + value);
        }
        Matcher m = SIZE.matcher(value.asText().trim());
        if (!m.matches() || m.group(1).length() > 12) {
            throw new ClusterSpecException(at, "expected bytes such as 1048576, \"512KiB\" or \"8MiB\", got \""
                    + value.asText() + '"');
        }
        long amount = Long.parseLong(m.group(1));
        int shift = m.group(2) == null ? 0 : switch (m.group(2)) {
            case "KiB" -> 10;
            case "MiB" -> 20;
            case "GiB" -> 30;
            default -> 0;
        };
        if (amount <= 0) {
            throw new ClusterSpecException(at, "must be positive, was \"" + value.asText() + '"');
        }
        return amount << shift;
    }

    private static String text(JsonNode object, String field, String at, boolean required) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new ClusterSpecException(at, "missing");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new ClusterSpecException(at, "must be a string, got " + value);
        }
        return value.asText();
    }

    private static void checkFields(JsonNode object, String prefix, Set<String> known) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new ClusterSpecException(prefix + name, "unknown field; known here: " + known.stream().sorted().toList());
            }
        }
    }
}
