package io.jreign.otp.global;

import java.util.List;

/**
 * What the name server knows about an ongoing sync with one node: the keys erl's global keeps in
 * its process dictionary per node ({@code sync_tag_my}, {@code sync_tag_his}, {@code prot_vsn},
 * {@code wait_lock}, {@code save_ops}, {@code pre_connect}, {@code lock_id}). Dropped whole by
 * {@code reset_node_state}.
 */
final class PeerState {
    /** {@code wait_lock}: the lock is set, the peer's names have not come yet. */
    static final Object LOCK_IS_SET = new Object();

    /** {@code wait_lock}: the peer's names came before our lock was set. */
    record ExchangeWaiting(List<?> names) {}

    /** {@code save_ops}: the peer's resolved came before our own operations were ready. */
    record ResolvedWaiting(Object hisKnown, Object namesExt, List<?> hisResolved) {}

    /** {@code pre_connect}: the peer's init_connect came before our nodeup. */
    record PreConnect(long vsn, Object initMessage, Object hisTag) {}

    Object myTag;
    Object hisTag;
    long protocolVersion;
    /** null, {@link #LOCK_IS_SET} or an {@link ExchangeWaiting}. */
    Object waitLock;
    /** null, our operations (a list) or a {@link ResolvedWaiting}. */
    Object saveOps;
    PreConnect preConnect;
    Object lockId;
}
