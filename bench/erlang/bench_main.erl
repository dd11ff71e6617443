%% Entry point run by bench/compare:
%%   erl -noshell +P 2000000 -pa DIR -run bench_main main quick|full ONLY_REGEX COUNT [SKIP_REGEX]
%% Runs the workloads whose name matches ONLY_REGEX (and not SKIP_REGEX) and prints RESULT name
%% value unit lines. The two-node workloads (bench_dist.erl) are run by bench's Java drivers.
-module(bench_main).
-export([main/1, options/1]).

%% Each workload with the JMH benchmarks it stands for; it runs if ONLY_REGEX matches any of them,
%% as JMH selects benchmarks.
-define(WORKLOADS, [{bench_pingpong, run, ["PingPong.jreign"]},
                    {bench_oneway, run, ["OneWaySend.oneProducer", "OneWaySend.fourProducers"]},
                    {bench_call, run, ["CallReply.jreign"]},
                    {bench_marked, run, ["MarkedReceive.withMark", "MarkedReceive.withoutMark"]},
                    {bench_spawn, blocked, ["SpawnBlocked.jreign"]},
                    {bench_spawn, hibernated, ["IdleMailboxes.jreign"]}]).

main([Mode, Only, Count]) ->
    main([Mode, Only, Count, ""]);
main([Mode, Only, Count, Skip]) ->
    Opts = (options(Mode))#{count => list_to_integer(Count)},
    bench_util:info("Erlang/OTP ~s, ~p schedulers, ~s", [erlang:system_info(otp_release),
        erlang:system_info(schedulers_online), Mode]),
    lists:foreach(fun({Module, Function, Benchmarks}) ->
                      case selected(Benchmarks, Only, Skip) of
                          true -> Module:Function(Opts);
                          false -> ok
                      end
                  end, ?WORKLOADS),
    halt(0).

options("quick") -> #{warmup => 1, reps => 2, rep_ms => 300, shot_warmup => 0, shot_reps => 1};
options("full") -> #{warmup => 3, reps => 5, rep_ms => 1000, shot_warmup => 1, shot_reps => 3};
%% For bench's tests of the two-node drivers: proves they work, measures nothing.
options("smoke") -> #{warmup => 0, reps => 1, rep_ms => 50, shot_warmup => 0, shot_reps => 1}.

selected(Benchmarks, Only, Skip) ->
    lists:any(fun(Name) -> matches("io.jreign.bench." ++ Name, Only)
                           andalso not (Skip =/= "" andalso matches("io.jreign.bench." ++ Name, Skip))
              end, Benchmarks).

matches(Name, Regex) ->
    re:run(Name, Regex) =/= nomatch.
