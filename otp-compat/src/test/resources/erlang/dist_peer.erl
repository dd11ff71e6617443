%% The Erlang side of the DIST integration tests. Started with
%%   erl -sname N -setcookie C -noshell -eval "dist_peer:start('java@host')"   (or 'none': no ping)
%% it pings the Java node (printing "PING pong|pang"), registers `peer` (a tiny RPC server) and
%% `echo`, and prints "READY".
%%
%%   peer:  {rpc, From, Ref, M, F, Args}  ->  From ! {Ref, catch apply(M, F, Args)}
%%   echo:  {From, Msg}                   ->  From ! Msg
-module(dist_peer).
-behaviour(gen_server).
-export([start/1, send_seq/2, collector/2, waiter/0, linker/2, monitorer/2, start_gen/0, big_term/1, exit_self/2]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2]).

start(JavaNode) ->
    case JavaNode of
        none -> ok;
        _ -> io:format("PING ~p~n", [net_adm:ping(JavaNode)])
    end,
    register(peer, spawn(fun loop/0)),
    register(echo, spawn(fun echo/0)),
    io:format("READY~n").

loop() ->
    receive
        {rpc, From, Ref, M, F, A} ->
            spawn(fun() -> From ! {Ref, catch apply(M, F, A)} end),
            loop()
    end.

echo() ->
    receive {From, Msg} -> From ! Msg end,
    echo().

send_seq(To, N) ->
    [To ! {seq, I} || I <- lists:seq(1, N)],
    ok.

collector(N, ReportTo) ->
    spawn(fun() -> collect(1, N, ReportTo) end).

collect(I, N, R) when I > N -> R ! {collected, N};
collect(I, N, R) ->
    receive
        {seq, I} -> collect(I + 1, N, R);
        {seq, J} -> R ! {out_of_order, I, J}
    after 60000 -> R ! {timeout, I}
    end.

waiter() ->
    spawn(fun() -> receive {stop, Reason} -> exit(Reason) end end).

linker(Target, ReportTo) ->
    spawn(fun() ->
                  process_flag(trap_exit, true),
                  link(Target),
                  ReportTo ! {linked, self()},
                  receive X -> ReportTo ! {got, X} end
          end).

monitorer(Target, ReportTo) ->
    spawn(fun() ->
                  Ref = erlang:monitor(process, Target),
                  ReportTo ! {monitoring, self(), Ref},
                  receive X -> ReportTo ! {got, X} end
          end).

%% What exit(self(), Reason) does to a process trapping exits or not:
%% {continued | died, the message it then finds ({exit_from_self, R} or none), its exit reason}.
exit_self(Trap, Reason) ->
    Parent = self(),
    {Pid, Ref} = spawn_monitor(fun() ->
                                       process_flag(trap_exit, Trap),
                                       exit(self(), Reason),
                                       Me = self(),
                                       Got = receive {'EXIT', Me, R} -> {exit_from_self, R} after 0 -> none end,
                                       Parent ! {self(), continued, Got}
                               end),
    receive
        {Pid, continued, Got} -> receive {'DOWN', Ref, process, Pid, Why} -> {continued, Got, Why} end;
        {'DOWN', Ref, process, Pid, Why} -> {died, none, Why}
    end.

big_term(N) ->
    [{I, <<I:32, 0:8000>>} || I <- lists:seq(1, N)].

start_gen() ->
    {ok, Pid} = gen_server:start({local, erl_echo}, ?MODULE, [], []),
    Pid.

init([]) -> {ok, nostate}.
handle_call(X, _From, S) -> {reply, {echoed, X}, S}.
handle_cast(_, S) -> {noreply, S}.
handle_info(_, S) -> {noreply, S}.
