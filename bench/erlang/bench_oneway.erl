%% One-way send throughput (jreign: OneWaySend). P producer processes send batches of the atom
%% msg, each batch ending in {batch_end, self()}, to one consumer process that acks every batch
%% end; a producer keeps at most two batches in flight (it sends batch k, then waits for the ack
%% of batch k-1). A repetition lasts rep_ms: each producer stops after the batch that crosses the
%% deadline and waits for its last ack; the rate is all messages over the time until the last
%% producer is done.
-module(bench_oneway).
-export([run/1]).

-define(BATCH, 5000).

run(Opts) ->
    lists:foreach(fun(P) -> run(P, Opts) end, [1, 4]).

run(Producers, #{warmup := Warmup, reps := Reps, rep_ms := Ms}) ->
    Consumer = spawn(fun consume/0),
    _ = [rate(Consumer, Producers, Ms) || _ <- lists:seq(1, Warmup)],
    Rate = bench_util:median([rate(Consumer, Producers, Ms) || _ <- lists:seq(1, Reps)]),
    bench_util:result("oneway_" ++ integer_to_list(Producers), Rate, 'msgs/s'),
    exit(Consumer, kill).

rate(Consumer, Producers, Ms) ->
    Self = self(),
    Start = erlang:monotonic_time(nanosecond),
    Deadline = Start + Ms * 1000000,
    _ = [spawn(fun() -> Self ! {sent, produce(Consumer, Deadline, false, 0)} end)
         || _ <- lists:seq(1, Producers)],
    Sent = lists:sum([receive {sent, N} -> N end || _ <- lists:seq(1, Producers)]),
    Sent * 1.0e9 / (erlang:monotonic_time(nanosecond) - Start).

produce(Consumer, Deadline, InFlight, Sent) ->
    send_batch(Consumer, ?BATCH - 1),
    Consumer ! {batch_end, self()},
    await_ack(InFlight),
    case erlang:monotonic_time(nanosecond) >= Deadline of
        true -> await_ack(true), Sent + ?BATCH;
        false -> produce(Consumer, Deadline, true, Sent + ?BATCH)
    end.

send_batch(_Consumer, 0) ->
    ok;
send_batch(Consumer, N) ->
    Consumer ! msg,
    send_batch(Consumer, N - 1).

await_ack(false) -> ok;
await_ack(true) -> receive ack -> ok end.

consume() ->
    receive
        {batch_end, Producer} ->
            Producer ! ack,
            consume();
        _ ->
            consume()
    end.
