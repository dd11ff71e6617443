%% The client side of the two-node workloads, run on its own erl node against Server: another erl
%% node running bench_dist_server, or the Java node of bench's DistPeerMain (otp-compat's demo
%% EchoServer as echo, and the same sink). Over plain or TLS distribution, as the node was started.
%%
%%   erl -sname cli@localhost -setcookie C [-proto_dist inet_tls -ssl_dist_optfile F] -pa DIR \
%%       -run bench_dist main quick|full|smoke PREFIX SERVER_NODE
%%
%% Prints RESULT lines, each the median of the measured repetitions (round trips: percentiles of
%% all measured calls):
%%   PREFIX_rt_p50, PREFIX_rt_p99  gen_server:call({echo, Server}, ping), one caller, microseconds
%%   PREFIX_callers16              16 processes calling echo as fast as they can, calls per second
%%   PREFIX_oneway_small           one process sending the atom msg to the sink, messages per second
%%   PREFIX_oneway_1k              the same with a 1,024-byte binary
%% One-way: batches of ?BATCH messages, the last one {batch_end, self()}, at most two batches in
%% flight (the sink's {ack, Count} for batch k-1 is awaited after sending batch k); every ack's
%% count is checked, so a lost message fails the run instead of inflating the rate.
-module(bench_dist).
-export([main/1]).

-define(CALLERS, 16).
-define(BATCH, 1000).
-define(ACK_TIMEOUT_MS, 30000).

main([Mode, Prefix, Server]) ->
    Node = list_to_atom(Server),
    connect(Node, 100),
    Opts = bench_main:options(Mode),
    round_trip(Prefix, Node, Opts),
    bench_util:result(Prefix ++ "_callers16",
                      bench_util:median_rate(fun(Ms) -> callers_rate(Node, Ms) end, Opts), 'calls/s'),
    Sink = sink(Node),
    bench_util:result(Prefix ++ "_oneway_small",
                      bench_util:median_rate(fun(Ms) -> oneway_rate(Sink, msg, Ms) end, Opts), 'msgs/s'),
    Kilobyte = binary:copy(<<0>>, 1024),
    bench_util:result(Prefix ++ "_oneway_1k",
                      bench_util:median_rate(fun(Ms) -> oneway_rate(Sink, Kilobyte, Ms) end, Opts), 'msgs/s'),
    halt(0).

connect(Node, 0) ->
    io:format("cannot reach ~p~n", [Node]),
    halt(3);
connect(Node, Tries) ->
    case net_adm:ping(Node) of
        pong -> ok;
        pang -> timer:sleep(100), connect(Node, Tries - 1)
    end.

%% ---- round trip --------------------------------------------------------------------------------

round_trip(Prefix, Node, #{warmup := Warmup, reps := Reps, rep_ms := Ms}) ->
    _ = [timed_calls(Node, Ms) || _ <- lists:seq(1, Warmup)],
    Sorted = lists:sort(lists:append([timed_calls(Node, Ms) || _ <- lists:seq(1, Reps)])),
    bench_util:result(Prefix ++ "_rt_p50", percentile(Sorted, 0.50) / 1000, us),
    bench_util:result(Prefix ++ "_rt_p99", percentile(Sorted, 0.99) / 1000, us).

%% Nanoseconds of each call made within Ms milliseconds.
timed_calls(Node, Ms) ->
    Now = erlang:monotonic_time(nanosecond),
    timed_calls(Node, Now + Ms * 1000000, Now, []).

timed_calls(Node, Deadline, Start, Samples) ->
    ping = gen_server:call({echo, Node}, ping),
    End = erlang:monotonic_time(nanosecond),
    case End >= Deadline of
        true -> [End - Start | Samples];
        false -> timed_calls(Node, Deadline, End, [End - Start | Samples])
    end.

percentile(Sorted, P) ->
    lists:nth(max(1, ceil(P * length(Sorted))), Sorted).

%% ---- concurrent callers ------------------------------------------------------------------------

callers_rate(Node, Ms) ->
    Self = self(),
    Start = erlang:monotonic_time(nanosecond),
    Deadline = Start + Ms * 1000000,
    _ = [spawn_link(fun() -> Self ! {calls, call_until(Node, Deadline, 0)} end)
         || _ <- lists:seq(1, ?CALLERS)],
    Calls = lists:sum([receive {calls, N} -> N end || _ <- lists:seq(1, ?CALLERS)]),
    Calls * 1.0e9 / (erlang:monotonic_time(nanosecond) - Start).

call_until(Node, Deadline, Calls) ->
    ping = gen_server:call({echo, Node}, ping),
    case erlang:monotonic_time(nanosecond) >= Deadline of
        true -> Calls + 1;
        false -> call_until(Node, Deadline, Calls + 1)
    end.

%% ---- one-way -----------------------------------------------------------------------------------

sink(Node) ->
    {sink, Node} ! {hello, self()},
    receive
        {sink, Pid} -> Pid
    after ?ACK_TIMEOUT_MS ->
        error({no_sink_on, Node})
    end.

oneway_rate(Sink, Payload, Ms) ->
    Base = probe(Sink),
    Start = erlang:monotonic_time(nanosecond),
    Sent = produce(Sink, Payload, Start + Ms * 1000000, Base, none, 0),
    Sent * 1.0e9 / (erlang:monotonic_time(nanosecond) - Start).

%% The sink's count now (the probe itself included).
probe(Sink) ->
    Sink ! {batch_end, self()},
    receive
        {ack, Count} -> Count
    after ?ACK_TIMEOUT_MS ->
        error(no_ack)
    end.

produce(Sink, Payload, Deadline, Base, Expected, Sent) ->
    send_n(Sink, Payload, ?BATCH - 1),
    Sink ! {batch_end, self()},
    Total = Sent + ?BATCH,
    await_ack(Expected),
    case erlang:monotonic_time(nanosecond) >= Deadline of
        true -> await_ack(Base + Total), Total;
        false -> produce(Sink, Payload, Deadline, Base, Base + Total, Total)
    end.

send_n(_Sink, _Payload, 0) ->
    ok;
send_n(Sink, Payload, N) ->
    Sink ! Payload,
    send_n(Sink, Payload, N - 1).

await_ack(none) ->
    ok;
await_ack(Expected) ->
    receive
        {ack, Expected} -> ok;
        {ack, Other} -> error({lost_messages, Expected - Other})
    after ?ACK_TIMEOUT_MS ->
        error({no_ack, Expected})
    end.
