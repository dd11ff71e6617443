package io.jreign.otp.etf;

/** How a registered Java record travels as an Erlang term. */
public enum RecordShape {
    /** {@code {Tag, Field1, ..., FieldN}}, an Erlang record. */
    TUPLE,
    /**
     * {@code #{'__struct__' => Tag, field1 => Value1, ...}} with the record component names as
     * atom keys: the shape of an Elixir struct.
     */
    MAP
}
