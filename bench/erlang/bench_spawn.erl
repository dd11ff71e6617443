%% 10^6 processes blocked in receive (jreign: SpawnBlocked) and 10^6 hibernated processes, the
%% nearest Erlang has to an idle mailbox without a thread (jreign: IdleMailboxes).
%%
%% Time: from the first spawn until process_info(P, status) is waiting for every P (polled in
%% order), in milliseconds. Memory: erlang:memory(processes) after minus before, less the growth
%% of the measuring process itself (it holds the list of pids), divided by Count; both readings
%% are taken after the measuring process has garbage collected. Between repetitions every process
%% is killed and its death awaited.
-module(bench_spawn).
-export([blocked/1, hibernated/1, idle_loop/0]).

blocked(Opts = #{count := Count}) ->
    Body = fun() -> receive _ -> ok end end,
    {Ms, Bytes} = bench_util:median_shots(fun() -> shot(Count, Body) end, Opts),
    bench_util:result(spawn_ms, Ms, ms),
    bench_util:result(spawn_bytes, Bytes, bytes).

hibernated(Opts = #{count := Count}) ->
    Body = fun() -> erlang:hibernate(?MODULE, idle_loop, []) end,
    {Ms, Bytes} = bench_util:median_shots(fun() -> shot(Count, Body) end, Opts),
    bench_util:result(idle_ms, Ms, ms),
    bench_util:result(idle_bytes, Bytes, bytes).

%% Where a hibernated process wakes up.
idle_loop() ->
    receive _ -> ok end.

shot(Count, Body) ->
    {MemoryBefore, SelfBefore} = memory(),
    Start = erlang:monotonic_time(nanosecond),
    Pids = spawn_all(Count, Body, []),
    lists:foreach(fun await_waiting/1, Pids),
    Elapsed = erlang:monotonic_time(nanosecond) - Start,
    {MemoryAfter, SelfAfter} = memory(),
    Bytes = (MemoryAfter - MemoryBefore - (SelfAfter - SelfBefore)) / Count,
    lists:foreach(fun(Pid) -> exit(Pid, kill) end, Pids),
    lists:foreach(fun await_dead/1, Pids),
    {Elapsed / 1.0e6, Bytes}.

memory() ->
    true = erlang:garbage_collect(),
    {erlang:memory(processes), element(2, process_info(self(), memory))}.

spawn_all(0, _Body, Pids) ->
    Pids;
spawn_all(N, Body, Pids) ->
    spawn_all(N - 1, Body, [spawn(Body) | Pids]).

await_waiting(Pid) ->
    case process_info(Pid, status) of
        {status, waiting} -> ok;
        _ -> erlang:yield(), await_waiting(Pid)
    end.

await_dead(Pid) ->
    case is_process_alive(Pid) of
        false -> ok;
        true -> erlang:yield(), await_dead(Pid)
    end.
