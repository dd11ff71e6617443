%% Receiving a reply with Queued unrelated messages in the mailbox (jreign: MarkedReceive). Each
%% case runs in a fresh process whose mailbox holds Queued {noise, N} messages; an operation sends
%% the process a reply to itself and receives it.
%%   with ref:    Ref = make_ref(), self() ! {Ref, reply}, receive {Ref, reply} -> ok end
%%                (the compiler reserves a receive marker at make_ref(), so the receive skips the
%%                queued messages: what jreign's Mark makes explicit)
%%   without ref: self() ! {reply, N}, receive {reply, N} -> ok end, with an integer tag, so every
%%                receive tests all queued messages first.
-module(bench_marked).
-export([run/1]).

run(Opts) ->
    lists:foreach(fun(Queued) -> run(Queued, Opts) end, [0, 10000]).

run(Queued, Opts) ->
    Parent = self(),
    Worker = spawn(fun() ->
        fill(Queued),
        WithRef = bench_util:median_per_op(fun() -> with_ref(1000) end, 1000, Opts),
        WithoutRef = bench_util:median_per_op(fun() -> with_tag(100) end, 100, Opts),
        {message_queue_len, Queued} = process_info(self(), message_queue_len),
        Parent ! {self(), WithRef, WithoutRef}
    end),
    receive
        {Worker, WithRef, WithoutRef} ->
            Suffix = "_q" ++ integer_to_list(Queued),
            bench_util:result("marked" ++ Suffix, WithRef, ns),
            bench_util:result("unmarked" ++ Suffix, WithoutRef, ns)
    end.

fill(0) ->
    ok;
fill(N) ->
    self() ! {noise, N},
    fill(N - 1).

with_ref(0) ->
    ok;
with_ref(N) ->
    Ref = make_ref(),
    self() ! {Ref, reply},
    receive
        {Ref, reply} -> ok
    end,
    with_ref(N - 1).

with_tag(0) ->
    ok;
with_tag(N) ->
    self() ! {reply, N},
    receive
        {reply, N} -> ok
    end,
    with_tag(N - 1).
