/**
 * Erlang's {@code global} on a jreign node: {@link io.jreign.otp.global.Global} runs a
 * {@code global_name_server} that syncs with the visible Erlang (and jreign) nodes it connects
 * to, after OTP 25's global.erl (protocol version 8). Everything else in this package is its
 * machinery: the sync protocol ({@code NodeSync}), the locker ({@code GlobalLocker}), the name and
 * lock tables, the resolution of name conflicts, and the guard against overlapping partitions.
 */
package io.jreign.otp.global;
