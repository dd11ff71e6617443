package io.jreign.otp.process;

/**
 * The code of an Erlang-style process. Returning exits with {@code normal}; throwing exits with
 * the exception as reason (linked processes get {@code {java_exception, Class, Message}}).
 */
@FunctionalInterface
public interface ProcBody {
    void run(Proc self) throws Exception;
}
