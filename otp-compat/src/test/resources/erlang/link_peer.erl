%% The Erlang side of UnlinkErlangIT, loaded next to dist_peer (whose `peer` runs the calls).
%%
%%   unlinker(Target, ReportTo): a process that traps exits, links to and monitors Target, then
%%     sends ReportTo {unlinker_ready, Self}. When Target sends it {dying, Target}, it unlinks
%%     Target at once, waits for Target's 'DOWN' and sends ReportTo
%%     {unlinker_done, Self, DownReason, Before, After, Links}: the {'EXIT', Target, _} messages
%%     already queued when it called unlink/1 (those may be there: unlink/1 keeps them), the ones
%%     in its queue after the 'DOWN' (the same ones: no exit signal of the link may add one once
%%     unlink/1 returned), and its links then.
-module(link_peer).
-export([unlinker/2]).

unlinker(Target, ReportTo) ->
    spawn(fun() ->
                  process_flag(trap_exit, true),
                  link(Target),
                  Ref = erlang:monitor(process, Target),
                  ReportTo ! {unlinker_ready, self()},
                  receive {dying, Target} -> ok end,
                  %% the snapshot and unlink/1 run back to back, with no receive in between
                  Before = exits_from(Target),
                  true = unlink(Target),
                  Down = receive {'DOWN', Ref, process, Target, Why} -> Why after 20000 -> no_down end,
                  %% Target's exit signal, if any, came before its 'DOWN' (same sender, same order)
                  After = exits_from(Target),
                  {links, Links} = process_info(self(), links),
                  ReportTo ! {unlinker_done, self(), Down, Before, After, Links}
          end).

exits_from(Pid) ->
    {messages, Messages} = process_info(self(), messages),
    [Reason || {'EXIT', From, Reason} <- Messages, From =:= Pid].
