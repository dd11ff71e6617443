package io.jreign.bench.echo;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;

/**
 * The TLS implementation the raw Netty echo uses: the one a jreign cluster node picks by default
 * (OpenSSL/BoringSSL from netty-tcnative when it loads with TLS 1.3, else the JDK's), so the echo
 * is the floor of the cluster's own TLS stack.
 */
final class TlsProvider {
    private TlsProvider() {}

    static SslProvider clusterDefault() {
        return OpenSsl.isAvailable() && SslProvider.isTlsv13Supported(SslProvider.OPENSSL) ? SslProvider.OPENSSL : SslProvider.JDK;
    }
}
