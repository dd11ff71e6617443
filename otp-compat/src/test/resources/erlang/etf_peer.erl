%% The Erlang side of jreign's ETF interoperability tests.
%%
%% Started as `erl -noshell -noinput -s etf_peer main`, it reads requests from stdin and writes
%% replies to stdout, each framed by a 4-byte big-endian length. A request is one operation byte
%% and a payload; a reply is a status byte (0 = ok, 1 = crash, 2 = mismatch) and a payload.
%%
%%   $e Bin               -> 0, term_to_binary(binary_to_term(Bin), [{minor_version, 2}])
%%   $g Seed:64 Variant:8 -> 0, the encoding (per Variant) of a random term made from Seed,
%%                           which is kept under Seed for a later $v
%%   $v Seed:64 Bin       -> 0 if binary_to_term(Bin) =:= the term kept under Seed, else 2 and why
%%   $s Bin               -> 0, term_to_binary of the Erlang term read from the text Bin
-module(etf_peer).
-export([main/0]).

main() ->
    Port = open_port({fd, 0, 1}, [binary, {packet, 4}, eof]),
    loop(Port, #{}).

loop(Port, Store) ->
    receive
        {Port, {data, <<Op, Payload/binary>>}} ->
            {Reply, Store1} =
                try handle(Op, Payload, Store)
                catch Class:Reason:Stack ->
                    {<<1, (text("~p:~p~n~p", [Class, Reason, Stack]))/binary>>, Store}
                end,
            port_command(Port, Reply),
            loop(Port, Store1);
        {Port, eof} ->
            halt(0)
    end.

handle($e, Bin, Store) ->
    Term = binary_to_term(Bin),
    {<<0, (term_to_binary(Term, [{minor_version, 2}]))/binary>>, Store};
handle($g, <<Seed:64, Variant>>, Store) ->
    _ = rand:seed(exsss, {Seed band 16#FFFFFFFF, (Seed bsr 32) + 1, 16#5EED}),
    Term = gen(4),
    {<<0, (encode(Term, Variant))/binary>>, Store#{Seed => Term}};
handle($v, <<Seed:64, Bin/binary>>, Store) ->
    Expected = maps:get(Seed, Store),
    Reply = case binary_to_term(Bin) of
                Expected -> <<0>>;
                Other -> <<2, (text("expected ~P~ngot      ~P", [Expected, 40, Other, 40]))/binary>>
            end,
    {Reply, maps:remove(Seed, Store)};
handle($s, Text, Store) ->
    {ok, Tokens, _} = erl_scan:string(unicode:characters_to_list(Text) ++ "."),
    {ok, Exprs} = erl_parse:parse_exprs(Tokens),
    {value, Term, _} = erl_eval:exprs(Exprs, []),
    {<<0, (term_to_binary(Term, [{minor_version, 2}]))/binary>>, Store}.

text(Format, Args) ->
    unicode:characters_to_binary(io_lib:format(Format, Args)).

encode(Term, 0) -> term_to_binary(Term);
encode(Term, 1) -> term_to_binary(Term, [{minor_version, 2}]);
encode(Term, 2) -> term_to_binary(Term, [compressed]);
encode(Term, 3) -> term_to_binary(Term, [{minor_version, 0}]);
encode(Term, 4) -> term_to_binary(Term, [{compressed, 9}, {minor_version, 2}]).

%% --- random terms ----------------------------------------------------------------------------

gen(0) -> leaf();
gen(Depth) ->
    case rand:uniform(12) of
        N when N =< 4 -> leaf();
        5 -> list_to_tuple(some(Depth));
        6 -> some(Depth);
        7 -> improper(Depth);
        8 -> maps:from_list([{gen(Depth - 1), gen(Depth - 1)} || _ <- upto(6)]);
        9 -> maps:from_list([{key(Depth - 1), gen(Depth - 1)} || _ <- upto(6)]);
        10 -> closure(gen(Depth - 1));
        11 -> [gen(Depth - 1) | gen(Depth - 1)];
        12 -> special(Depth)
    end.

some(Depth) -> [gen(Depth - 1) || _ <- upto(5)].

upto(N) -> lists:seq(1, rand:uniform(N + 1) - 1).

improper(Depth) ->
    Tail = case rand:uniform(4) of
               1 -> rand_atom();
               2 -> rand:uniform(1000);
               3 -> <<"tail">>;
               4 -> {gen(Depth - 1)}
           end,
    lists:foldl(fun(E, Acc) -> [E | Acc] end, Tail, [gen(Depth - 1) || _ <- lists:seq(0, rand:uniform(4))]).

%% Complex map keys: tuples, lists, maps, floats and integers that compare equal, pids, refs...
key(Depth) ->
    case rand:uniform(8) of
        1 -> {gen(Depth), rand:uniform(3)};
        2 -> [rand:uniform(5), 1.0 * rand:uniform(5)];
        3 -> #{rand:uniform(3) => gen(Depth)};
        4 -> 1.0 * rand:uniform(4);
        5 -> rand:uniform(4);
        6 -> self();
        7 -> make_ref();
        8 -> leaf()
    end.

closure(Env) ->
    case rand:uniform(3) of
        1 -> fun(X) -> {X, Env} end;
        2 -> fun() -> Env end;
        3 -> fun(A, B) -> [A, B, Env] end
    end.

special(Depth) ->
    case rand:uniform(9) of
        1 -> maps:from_list([{I, gen(Depth - 1)} || I <- lists:seq(1, 33 + rand:uniform(30))]);
        2 -> maps:from_list([{rand_atom(), I} || I <- lists:seq(1, 40)]);
        3 -> list_to_tuple(lists:seq(1, 255 + rand:uniform(50)));
        4 -> list_to_atom([unicode_char() || _ <- lists:seq(1, 255)]);
        5 -> case rand:uniform(10) of 1 -> lists:duplicate(65535 + rand:uniform(3), 7); _ -> lists:seq(1, 200) end;
        6 -> binary:copy(<<"compress me ">>, 1000 + rand:uniform(1000));
        7 -> lists:foldl(fun(_, Acc) -> [Acc] end, leaf(), lists:seq(1, 40));
        8 -> [unicode_char() || _ <- upto(20)];
        9 -> lists:duplicate(rand:uniform(5), leaf())
    end.

leaf() ->
    case rand:uniform(24) of
        1 -> rand:uniform(256) - 1;
        2 -> rand:uniform(1 bsl 32) - (1 bsl 31);
        3 -> sign() * rand:uniform(1 bsl (32 + rand:uniform(900)));
        4 -> sign() * (rand:uniform() * math:pow(10, rand:uniform(600) - 300));
        5 -> rand_atom();
        6 -> list_to_atom([unicode_char() || _ <- upto(12)]);
        7 -> rand:bytes(rand:uniform(40) - 1);
        8 -> Bits = rand:uniform(7), <<(rand:bytes(rand:uniform(5) - 1))/binary, (rand:uniform(256)):Bits>>;
        9 -> make_ref();
        10 -> self();
        11 -> spawn(fun() -> ok end);
        12 -> external(pid);
        13 -> hd(erlang:ports());
        14 -> external(port);
        15 -> external(ref);
        16 -> case rand:uniform(3) of
                  1 -> fun erlang:abs/1;
                  2 -> fun lists:map/2;
                  3 -> erlang:make_fun(rand_atom(), rand_atom(), rand:uniform(256) - 1)
              end;
        17 -> [rand:uniform(256) - 1 || _ <- upto(30)];
        18 -> [];
        19 -> #{};
        20 -> {};
        21 -> fun(X) -> X end;
        22 -> binary_to_term(<<131, 70, 128, 0, 0, 0, 0, 0, 0, 0>>);   % -0.0
        23 -> lists:nth(rand:uniform(14), [255, 256, -1, 16#7FFFFFFF, 16#80000000, -16#80000000, -16#80000001,
                                           16#7FFFFFFFFFFFFFFF, 16#8000000000000000, -16#8000000000000000,
                                           -16#8000000000000001, 1 bsl 64, 1 bsl 2040, -(1 bsl 2048)]);
        24 -> {rand_atom(), rand:uniform(100), <<"x">>}
    end.

sign() -> case rand:uniform(2) of 1 -> 1; 2 -> -1 end.

rand_atom() ->
    list_to_atom([$a + rand:uniform(26) - 1 || _ <- lists:seq(1, rand:uniform(8))]).

unicode_char() ->
    {Low, High} = lists:nth(rand:uniform(6), [{$a, $z}, {16#C0, 16#FF}, {16#391, 16#3C9}, {16#4E00, 16#4E50},
                                             {16#1F600, 16#1F64F}, {16#20, 16#7E}]),
    Low + rand:uniform(High - Low + 1) - 1.

%% Pids, ports and references of other nodes, built from their encodings.
external(Kind) ->
    Node = atom_to_binary(list_to_atom("n" ++ integer_to_list(rand:uniform(9)) ++ "@host"), utf8),
    Creation = rand:uniform(16#FFFFFFFF),
    NodeExt = <<119, (byte_size(Node)), Node/binary>>,
    Bin = case Kind of
              pid -> <<131, 88, NodeExt/binary, (rand:uniform(1 bsl 32) - 1):32, (rand:uniform(1 bsl 32) - 1):32,
                       Creation:32>>;
              port -> case rand:uniform(2) of
                          1 -> <<131, 89, NodeExt/binary, (rand:uniform(1 bsl 32) - 1):32, Creation:32>>;
                          2 -> <<131, 120, NodeExt/binary, (rand:uniform(1 bsl 64) - 1):64, Creation:32>>
                      end;
              ref -> Len = rand:uniform(5),
                     <<131, 90, Len:16, NodeExt/binary, Creation:32,
                       (<< <<(rand:uniform(1 bsl 32) - 1):32>> || _ <- lists:seq(1, Len) >>)/binary>>
          end,
    binary_to_term(Bin).
