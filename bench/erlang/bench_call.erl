%% gen_server:call round trip (jreign: CallReply.jreign, a mark plus a tagged reply). A client
%% process makes Batch calls to a gen_server each time the measuring process asks. gen_server:call
%% monitors the server during the call and matches the reply on the monitor's reference, so the
%% compiler's receive-marker optimisation applies to it.
-module(bench_call).
-behaviour(gen_server).
-export([run/1]).
-export([init/1, handle_call/3, handle_cast/2]).

-define(BATCH, 10000).

run(Opts) ->
    {ok, Server} = gen_server:start(?MODULE, [], []),
    Client = spawn(fun() -> client(Server) end),
    Batch = fun() -> Client ! {batch, ?BATCH, self()}, receive done -> ok end end,
    bench_util:result(call, bench_util:median_per_op(Batch, ?BATCH, Opts), ns),
    exit(Client, kill),
    gen_server:stop(Server),
    ok.

init([]) ->
    {ok, nostate}.

handle_call(ping, _From, State) ->
    {reply, pong, State}.

handle_cast(_Message, State) ->
    {noreply, State}.

client(Server) ->
    receive
        {batch, N, ReportTo} ->
            calls(Server, N),
            ReportTo ! done,
            client(Server)
    end.

calls(_Server, 0) ->
    ok;
calls(Server, N) ->
    pong = gen_server:call(Server, ping),
    calls(Server, N - 1).
