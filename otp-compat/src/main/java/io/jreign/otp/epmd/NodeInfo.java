package io.jreign.otp.epmd;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What EPMD knows of a node: the fields of {@code ALIVE2_REQ}, returned again by
 * {@code PORT_PLEASE2}.
 *
 * @param name           the node's short name (the part before {@code @}), 1..255 UTF-8 bytes
 * @param port           the TCP port its distribution listens on
 * @param type           normal or hidden
 * @param protocol       0 for TCP/IPv4 (the only value erl uses)
 * @param highestVersion the highest distribution version it speaks (6 since OTP 23)
 * @param lowestVersion  the lowest (5 for OTP 23 and later)
 * @param extra          extra bytes, usually empty (copied)
 */
public record NodeInfo(String name, int port, NodeType type, int protocol, int highestVersion,
                       int lowestVersion, byte[] extra) {
    /** The highest distribution version of OTP 23 and later. */
    public static final int DIST_VERSION_HIGH = 6;
    /** The lowest distribution version OTP 23 and later accept. */
    public static final int DIST_VERSION_LOW = 5;

    /**
     * @throws IllegalArgumentException if a field is out of range
     */
    public NodeInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        int nameBytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (nameBytes < 1 || nameBytes > 255) {
            throw new IllegalArgumentException("node name must be 1..255 bytes, was " + nameBytes);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (protocol < 0 || protocol > 255) {
            throw new IllegalArgumentException("protocol must be 0..255, was " + protocol);
        }
        if (highestVersion < 0 || highestVersion > 65535 || lowestVersion < 0 || lowestVersion > 65535) {
            throw new IllegalArgumentException("versions must be 0..65535");
        }
        extra = extra == null ? new byte[0] : extra.clone();
        if (extra.length > 1024) {
            throw new IllegalArgumentException("extra must be at most 1024 bytes, was " + extra.length);
        }
    }

    /** A normal node on TCP speaking distribution versions 5 to 6, as OTP 23 and later. */
    public static NodeInfo of(String name, int port) {
        return new NodeInfo(name, port, NodeType.NORMAL, 0, DIST_VERSION_HIGH, DIST_VERSION_LOW, new byte[0]);
    }

    /** A copy of the extra bytes. */
    @Override
    public byte[] extra() {
        return extra.clone();
    }

    byte[] unsafeExtra() {
        return extra;
    }

    /** Equal when every field is, the extra bytes by content. */
    @Override
    public boolean equals(Object other) {
        return other instanceof NodeInfo that && port == that.port && protocol == that.protocol
                && highestVersion == that.highestVersion && lowestVersion == that.lowestVersion
                && name.equals(that.name) && type == that.type && Arrays.equals(extra, that.extra);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, port, type, protocol, highestVersion, lowestVersion, Arrays.hashCode(extra));
    }

    @Override
    public String toString() {
        return "NodeInfo[" + name + " port " + port + " " + type + " protocol " + protocol + " versions "
                + lowestVersion + ".." + highestVersion + (extra.length == 0 ? "" : " extra " + HexFormat.of().formatHex(extra))
                + "]";
    }
}
