package io.jreign.cluster.internal;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Remote addresses as logs show them: {@code 127.0.0.1:7401}, {@code [::1]:7401}. The JDK's own
 * text depends on how the address was made ({@code /127.0.0.1:7401} for an accepted socket,
 * {@code 127.0.0.1/127.0.0.1:7401} for a dialled one on Netty's epoll transport), which would
 * make one peer look like two in a log.
 */
final class Addresses {
    private Addresses() {}

    static String show(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            String host = inet.getAddress().getHostAddress();
            return (inet.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
