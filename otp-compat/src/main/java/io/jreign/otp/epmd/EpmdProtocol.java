package io.jreign.otp.epmd;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The EPMD wire format (erl_dist_protocol, "EPMD Protocol"). Integers are big-endian.
 * <pre>
 * Every request:         | Len:2 | Request (Len bytes)                        |
 *
 * ALIVE2_REQ             | 120 | PortNo:2 | NodeType:1 | Protocol:1 | HighestVersion:2 |
 *                        |     LowestVersion:2 | Nlen:2 | NodeName | Elen:2 | Extra |
 *   ALIVE2_X_RESP        | 118 | Result:1 | Creation:4 |   (to HighestVersion &gt;= 6)
 *   ALIVE2_RESP          | 121 | Result:1 | Creation:2 |   (to older nodes)
 *   The connection stays open while the node is registered; closing it unregisters.
 *
 * PORT_PLEASE2_REQ       | 122 | NodeName |
 *   PORT2_RESP           | 119 | Result:1 |                                       (Result &gt; 0: unknown)
 *                        | 119 | 0 | PortNo:2 | NodeType:1 | Protocol:1 | HighestVersion:2 |
 *                        |     LowestVersion:2 | Nlen:2 | NodeName | Elen:2 | Extra |
 *
 * NAMES_REQ              | 110 |
 *   NAMES_RESP           | EPMDPortNo:4 | "name %s at port %d\n"... until the connection closes
 * </pre>
 */
final class EpmdProtocol {
    static final int ALIVE2_REQ = 120;
    static final int ALIVE2_X_RESP = 118;
    static final int ALIVE2_RESP = 121;
    static final int PORT_PLEASE2_REQ = 122;
    static final int PORT2_RESP = 119;
    static final int NAMES_REQ = 110;

    private static final Pattern NAME_LINE = Pattern.compile("name (.+) at port (\\d+)");

    private EpmdProtocol() {
    }

    /** A request with its 2-byte length prefix. */
    static byte[] frame(byte[] request) {
        ByteBuffer out = ByteBuffer.allocate(2 + request.length);
        out.putShort((short) request.length).put(request);
        return out.array();
    }

    static byte[] aliveRequest(NodeInfo node) {
        byte[] name = node.name().getBytes(StandardCharsets.UTF_8);
        byte[] extra = node.unsafeExtra();
        ByteBuffer out = ByteBuffer.allocate(13 + name.length + extra.length);
        out.put((byte) ALIVE2_REQ);
        out.putShort((short) node.port());
        out.put((byte) node.type().code());
        out.put((byte) node.protocol());
        out.putShort((short) node.highestVersion());
        out.putShort((short) node.lowestVersion());
        out.putShort((short) name.length).put(name);
        out.putShort((short) extra.length).put(extra);
        return out.array();
    }

    /** The node fields of ALIVE2_REQ (after its tag) or of a successful PORT2_RESP (after the result). */
    static NodeInfo nodeFields(ByteBuffer in) throws EpmdException {
        try {
            int port = in.getShort() & 0xFFFF;
            int typeCode = in.get() & 0xFF;
            int protocol = in.get() & 0xFF;
            int high = in.getShort() & 0xFFFF;
            int low = in.getShort() & 0xFFFF;
            byte[] name = new byte[in.getShort() & 0xFFFF];
            in.get(name);
            byte[] extra = new byte[in.getShort() & 0xFFFF];
            in.get(extra);
            NodeType type;
            try {
                type = NodeType.of(typeCode);
            } catch (IllegalArgumentException e) {
                throw new EpmdException(e.getMessage());
            }
            return new NodeInfo(new String(name, StandardCharsets.UTF_8), port, type, protocol, high, low, extra);
        } catch (java.nio.BufferUnderflowException e) {
            throw new EpmdException("truncated node fields");
        } catch (IllegalArgumentException e) {
            throw new EpmdException("bad node fields: " + e.getMessage());
        }
    }

    static byte[] portResponse(NodeInfo node) {
        byte[] alive = aliveRequest(node);
        byte[] out = new byte[alive.length + 1];
        out[0] = (byte) PORT2_RESP;
        out[1] = 0;
        System.arraycopy(alive, 1, out, 2, alive.length - 1);
        return out;
    }

    static byte[] namesResponse(int epmdPort, Map<String, Integer> nodes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(4).putInt(epmdPort).array());
        nodes.forEach((name, port) -> out.writeBytes(("name " + name + " at port " + port + "\n")
                .getBytes(StandardCharsets.UTF_8)));
        return out.toByteArray();
    }

    static EpmdNames parseNames(byte[] response) throws EpmdException {
        if (response.length < 4) {
            throw new EpmdException("NAMES response shorter than its 4-byte port");
        }
        int port = ByteBuffer.wrap(response).getInt();
        Map<String, Integer> nodes = new LinkedHashMap<>();
        String text = new String(response, 4, response.length - 4, StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = NAME_LINE.matcher(line.strip());
            if (!m.matches()) {
                throw new EpmdException("bad NAMES line: " + line);
            }
            nodes.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        return new EpmdNames(port, nodes);
    }

    static int u8(DataInputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("EPMD closed the connection");
        }
        return b;
    }
}
