%% Timing helpers shared by the jreign comparison workloads: the same shape as the JMH runs
%% (warmup repetitions, then measured repetitions of about one second each, median reported).
-module(bench_util).
-export([per_op/3, median_per_op/3, median_shots/2, median_rate/2, median/1, result/3, info/2, halt_at_eof/0]).

%% Runs Batch() (one call does BatchOps operations) over and over for at least Ms milliseconds;
%% returns nanoseconds per operation.
per_op(Batch, BatchOps, Ms) ->
    Start = erlang:monotonic_time(nanosecond),
    batches(Batch, BatchOps, Start + Ms * 1000000, Start, 0).

batches(Batch, BatchOps, Deadline, Start, Ops) ->
    Batch(),
    Now = erlang:monotonic_time(nanosecond),
    Done = Ops + BatchOps,
    case Now >= Deadline of
        true -> (Now - Start) / Done;
        false -> batches(Batch, BatchOps, Deadline, Start, Done)
    end.

%% per_op/3 repeated as Opts says (warmup, reps, rep_ms); the median of the measured repetitions.
median_per_op(Batch, BatchOps, #{warmup := Warmup, reps := Reps, rep_ms := Ms}) ->
    _ = [per_op(Batch, BatchOps, Ms) || _ <- lists:seq(1, Warmup)],
    median([per_op(Batch, BatchOps, Ms) || _ <- lists:seq(1, Reps)]).

%% Shot() returns a tuple of numbers; runs it shot_warmup + shot_reps times and returns the tuple
%% of the element-wise medians of the measured ones.
median_shots(Shot, #{shot_warmup := Warmup, shot_reps := Reps}) ->
    _ = [Shot() || _ <- lists:seq(1, Warmup)],
    Results = [Shot() || _ <- lists:seq(1, Reps)],
    Size = tuple_size(hd(Results)),
    list_to_tuple([median([element(I, R) || R <- Results]) || I <- lists:seq(1, Size)]).

%% RateFun(Ms) measures for about Ms milliseconds and returns a rate; run as Opts says (warmup,
%% reps, rep_ms), the median of the measured repetitions.
median_rate(RateFun, #{warmup := Warmup, reps := Reps, rep_ms := Ms}) ->
    _ = [RateFun(Ms) || _ <- lists:seq(1, Warmup)],
    median([RateFun(Ms) || _ <- lists:seq(1, Reps)]).

median(Values) ->
    Sorted = lists:sort(Values),
    N = length(Sorted),
    case N rem 2 of
        1 -> lists:nth(N div 2 + 1, Sorted);
        0 -> (lists:nth(N div 2, Sorted) + lists:nth(N div 2 + 1, Sorted)) / 2
    end.

%% The machine-readable line bench/compare reads.
result(Name, Value, Unit) ->
    io:format("RESULT ~s ~.3f ~s~n", [Name, float(Value), Unit]).

info(Format, Args) ->
    io:format("INFO " ++ Format ++ "~n", Args).

%% Halts the node when its standard input ends: a node started by another program (bench's Java
%% drivers) ends with it, even if that program is killed.
halt_at_eof() ->
    spawn(fun wait_for_eof/0),
    ok.

wait_for_eof() ->
    case io:get_line('') of
        eof -> halt(0);
        {error, _} -> halt(0);
        _ -> wait_for_eof()
    end.
