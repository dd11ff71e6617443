package io.jreign.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class NettySocketsTest {
    @Test
    void theEventLoopsRunOnEpollOnLinux() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        assumeTrue(os.contains("linux") && (arch.equals("amd64") || arch.equals("aarch64")),
                "Netty ships its epoll library for Linux on x86_64 and aarch64 only");
        assertTrue(NettySockets.NATIVE, () -> "Netty's native epoll did not load: " + Epoll.unavailabilityCause());
    }
}
