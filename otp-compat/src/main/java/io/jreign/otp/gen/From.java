package io.jreign.otp.gen;

import io.jreign.mailbox.Address;

/**
 * The caller of a gen_server call: Erlang's {@code From = {Pid, Tag}}.
 *
 * @param pid the calling process
 * @param tag a reference, or the improper list {@code [alias | Ref]} OTP 24+ sends
 */
public record From(Address pid, Object tag) {}
