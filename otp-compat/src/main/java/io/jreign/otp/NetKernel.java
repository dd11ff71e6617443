package io.jreign.otp;

import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.Tuple;
import io.jreign.otp.gen.From;
import io.jreign.otp.gen.Result;
import io.jreign.otp.gen.Server;
import io.jreign.otp.process.Proc;

/**
 * The part of Erlang's {@code net_kernel} peers talk to, registered as {@code net_kernel}: it
 * answers {@code {is_auth, Node}} with {@code yes}, which is what {@code net_adm:ping/1} asks
 * (the handshake already proved the cookie). Other calls get {@code {error, not_supported}}.
 *
 * <pre>
 *  {'$gen_call', {Pid, Tag}, {is_auth, Node}}  ->  {Tag, yes}
 * </pre>
 */
final class NetKernel implements Server<Void> {
    static final String NAME = "net_kernel";
    private static final Atom IS_AUTH = Atom.of("is_auth");
    private static final Atom YES = Atom.of("yes");

    @Override
    public Void init(Proc self, Object args) {
        return null;
    }

    @Override
    public Result<Void> handleCall(Object request, From from, Void state) {
        if (request instanceof Tuple t && t.size() == 2 && IS_AUTH.equals(t.get(0))) {
            return Result.reply(YES, state);
        }
        return Result.reply(Tuple.of(Atom.ERROR, Atom.of("not_supported")), state);
    }
}
