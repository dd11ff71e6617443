%% The server node of the two-node workloads (bench_dist.erl is the client): a gen_server
%% registered as echo that answers every call with the request itself (as otp-compat's demo
%% EchoServer does), and a process registered as sink that counts what it receives:
%%
%%   {hello, From}      -> From ! {sink, self()}
%%   {batch_end, From}  -> From ! {ack, Count}   Count: messages received so far, this one included
%%   anything else      -> counted
%%
%% Run as `erl -sname ... -run bench_dist_server start`: prints READY once both are up, and halts
%% when its standard input ends (so it never outlives whoever started it).
-module(bench_dist_server).
-behaviour(gen_server).
-export([start/0, sink/1]).
-export([init/1, handle_call/3, handle_cast/2]).

start() ->
    {ok, _} = gen_server:start({local, echo}, ?MODULE, [], []),
    register(sink, spawn(?MODULE, sink, [0])),
    bench_util:halt_at_eof(),
    io:format("READY~n").

init([]) ->
    {ok, nostate}.

handle_call(Request, _From, State) ->
    {reply, Request, State}.

handle_cast(_Message, State) ->
    {noreply, State}.

sink(Count) ->
    receive
        {batch_end, From} ->
            From ! {ack, Count + 1},
            sink(Count + 1);
        {hello, From} ->
            From ! {sink, self()},
            sink(Count);
        _ ->
            sink(Count + 1)
    end.
