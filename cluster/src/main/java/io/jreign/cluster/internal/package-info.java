/**
 * Internals of the TLS cluster: the wire protocol ({@link io.jreign.cluster.internal.Frame},
 * {@link io.jreign.cluster.internal.FrameDecoder}), the Netty pipeline, peer links, and the spec
 * reader. Not API: may change in any release; do not import.
 */
package io.jreign.cluster.internal;
