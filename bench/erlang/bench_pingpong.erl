%% Local ping-pong round trip between two processes (jreign: PingPong.jreign). A pinger process
%% does Batch round trips with an echo process each time the measuring process asks, so the
%% measuring process wakes once per batch.
-module(bench_pingpong).
-export([run/1]).

-define(BATCH, 10000).

run(Opts) ->
    Echo = spawn(fun echo/0),
    Pinger = spawn(fun() -> pinger(Echo, {ping, self()}) end),
    Batch = fun() -> Pinger ! {batch, ?BATCH, self()}, receive done -> ok end end,
    bench_util:result(pingpong, bench_util:median_per_op(Batch, ?BATCH, Opts), ns),
    exit(Pinger, kill),
    exit(Echo, kill),
    ok.

echo() ->
    receive
        {ping, From} ->
            From ! pong,
            echo()
    end.

pinger(Echo, Ping) ->
    receive
        {batch, N, ReportTo} ->
            round_trips(Echo, Ping, N),
            ReportTo ! done,
            pinger(Echo, Ping)
    end.

round_trips(_Echo, _Ping, 0) ->
    ok;
round_trips(Echo, Ping, N) ->
    Echo ! Ping,
    receive pong -> ok end,
    round_trips(Echo, Ping, N - 1).
