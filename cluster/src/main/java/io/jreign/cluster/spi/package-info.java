/**
 * Service-provider interfaces of the TLS cluster for simulators and tests, not for applications:
 * {@link io.jreign.cluster.spi.Sockets} replaces the TCP sockets under the unchanged protocol code
 * (the testkit's deterministic simulator uses it).
 */
package io.jreign.cluster.spi;
