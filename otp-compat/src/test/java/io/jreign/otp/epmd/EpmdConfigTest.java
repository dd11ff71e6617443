package io.jreign.otp.epmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EpmdConfigTest {

    @Test
    void honoursErlEpmdPort() {
        assertEquals(4369, EpmdConfig.fromEnvironment(Map.of()).port());
        assertEquals(4370, EpmdConfig.fromEnvironment(Map.of("ERL_EPMD_PORT", "4370")).port());
        assertEquals(4369, EpmdConfig.fromEnvironment(Map.of("ERL_EPMD_PORT", " ")).port());
        assertThrows(IllegalArgumentException.class, () -> EpmdConfig.fromEnvironment(Map.of("ERL_EPMD_PORT", "x")));
        assertThrows(IllegalArgumentException.class, () -> EpmdConfig.fromEnvironment(Map.of("ERL_EPMD_PORT", "0")));
        assertThrows(IllegalArgumentException.class,
                () -> EpmdConfig.fromEnvironment(Map.of("ERL_EPMD_PORT", "70000")));
    }

    @Test
    void defaultsAreLocalAndBounded() {
        EpmdConfig config = EpmdConfig.fromEnvironment(Map.of());
        assertTrue(config.address().isLoopbackAddress());
        assertEquals(Duration.ofSeconds(5), config.timeout());
        assertEquals(1024, config.maxRegistrations());
        assertEquals(1024, config.maxRequestSize());
        assertEquals(2048, config.maxConnections());
    }

    @Test
    void withersAndValidation() {
        EpmdConfig config = EpmdConfig.fromEnvironment(Map.of()).withPort(0).withTimeout(Duration.ofMillis(100))
                .withMaxRegistrations(2).withMaxRequestSize(64).withMaxConnections(3)
                .withAddress(InetAddress.getLoopbackAddress());
        assertEquals(new EpmdConfig(InetAddress.getLoopbackAddress(), 0, Duration.ofMillis(100), 2, 64, 3), config);
        assertThrows(IllegalArgumentException.class, () -> config.withPort(65536));
        assertThrows(IllegalArgumentException.class, () -> config.withTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> config.withMaxRegistrations(0));
        assertThrows(IllegalArgumentException.class, () -> config.withMaxRequestSize(65536));
        assertThrows(IllegalArgumentException.class, () -> config.withMaxConnections(0));
    }

    @Test
    void nodeInfoValidation() {
        assertThrows(IllegalArgumentException.class, () -> NodeInfo.of("", 1));
        assertThrows(IllegalArgumentException.class, () -> NodeInfo.of("x".repeat(256), 1));
        assertThrows(IllegalArgumentException.class, () -> NodeInfo.of("x", 65536));
        byte[] extra = {1, 2};
        NodeInfo info = new NodeInfo("x", 1, NodeType.HIDDEN, 0, 6, 5, extra);
        extra[0] = 9;
        assertEquals(new NodeInfo("x", 1, NodeType.HIDDEN, 0, 6, 5, new byte[] {1, 2}), info);
        assertEquals(NodeType.HIDDEN, NodeType.of(72));
        assertThrows(IllegalArgumentException.class, () -> NodeType.of(1));
    }
}
