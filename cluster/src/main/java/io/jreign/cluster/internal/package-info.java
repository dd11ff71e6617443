/**
 * Internals of the TLS cluster: the wire protocol ({@link io.jreign.cluster.internal.Frame},
 * {@link io.jreign.cluster.internal.FrameDecoder}), the Netty pipeline and the sockets behind it,
 * peer links with their name feeds, membership diffs, and the spec reader. Not API: may change in
 * any release; do not import.
 */
package io.jreign.cluster.internal;
