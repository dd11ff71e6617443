package io.jreign.otp.global;

import io.jreign.mailbox.Address;
import io.jreign.mailbox.MailboxClosedException;
import io.jreign.mailbox.ReceiveInterruptedException;
import io.jreign.mailbox.spi.Entropy;
import io.jreign.otp.etf.Atom;
import io.jreign.otp.etf.TermOrder;
import io.jreign.otp.etf.Tuple;
import io.jreign.otp.process.Proc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * global's locker ({@code loop_the_locker} in erl's global.erl): before two nodes exchange names,
 * one of their lockers takes the lock {@code {global, [LockerA, LockerB]}} on both nodes and on
 * every node either knows, so no name changes while they sync. It runs as its own process, so
 * the name server keeps answering while the locker waits for other nodes.
 *
 * <pre>
 *  name server --{his_the_locker, Him}--> locker          a peer's locker, once both sent init_connect
 *  every 0.2..3 s, when the global lock is free:
 *    pick Him; set_lock on the boss (greatest known node), on us and Him, on every known node
 *    -> cast {lock_set, Self, true, Known, HisTag} to Him's name server
 *    <- {lock_set, HisLocker, true|false, HisKnown, MyTag}       (forwarded by our name server)
 *    true: cast {lock_is_set, Node, MyTag, LockId} to our name server; wait for {cancel, ...}
 *  {lock_set, HisLocker, true, ...} when Him picked us: lock our side, answer lock_set, as above
 *  {cancel, Node, MyTag, Fun}: the sync ended: run Fun (it casts new_nodes), release the lock
 * </pre>
 */
final class GlobalLocker {
    private static final Logger LOG = LoggerFactory.getLogger(GlobalLocker.class);

    /** A peer's locker known from its init_connect ({@code #him{}}). */
    record Him(String node, Address locker, long vsn, Object myTag, Object hisTag) {}

    /** From the name server: a peer's locker. */
    record HisTheLocker(Address locker, long vsn, Object hisTag, Object myTag) {}

    /** From the name server: stop dealing with {@code node} under {@code tag}, running {@code task} first. */
    record Cancel(String node, Object tag, LockerTask task) {}

    /** From the name server: nodes now known. */
    record AddToKnown(List<String> nodes) {}

    /** From the name server: a node no longer known. */
    record RemoveFromKnown(String node) {}

    /** Work the name server hands over to run on the locker, before the lock is released. */
    @FunctionalInterface
    interface LockerTask {
        void run(GlobalWire locker);
    }

    private final GlobalWire wire;
    private final Proc self;
    private final LockTable locks;
    private final LockCalls lockCalls;
    private final Entropy entropy;
    private final List<Him> local = new ArrayList<>();
    private final List<Him> remote = new ArrayList<>();
    private final List<String> known = new ArrayList<>();
    private final String host;
    private String boss;
    private boolean justSynced;

    GlobalLocker(GlobalWire wire, LockTable locks, Entropy entropy) {
        this.wire = wire;
        this.self = wire.self();
        this.locks = locks;
        this.lockCalls = new LockCalls(wire, locks);
        this.entropy = entropy;
        String me = wire.selfNode();
        this.host = me.substring(me.indexOf('@') + 1);
        this.boss = me;
    }

    /** The locker's loop; returns when its mailbox closes. */
    void run() {
        while (true) {
            Optional<Object> message = self.mailbox().tryReceive();
            if (message.isEmpty()) {
                Duration timeout = timeout();
                justSynced = false;
                message = timeout == null ? Optional.of(self.receive()) : self.receive(timeout);
            }
            try {
                if (message.isPresent()) {
                    handle(message.get());
                } else if (!locks.globalLockSet()) {
                    selectNode();
                }
            } catch (MailboxClosedException | ReceiveInterruptedException stopped) {
                throw stopped;
            } catch (RuntimeException e) {
                LOG.warn("global locker: ignoring {} ({})", message.orElse("a lock attempt"), e.toString());
            }
        }
    }

    /** How long to wait before trying to lock a peer: never with no peers, 0 right after a sync. */
    private Duration timeout() {
        if (local.isEmpty() && remote.isEmpty()) {
            return null;
        }
        if (justSynced) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(known.isEmpty() ? 200 : Math.min(1000 + 100L * known.size(), 3000));
    }

    private void handle(Object message) {
        switch (message) {
            case HisTheLocker h -> {
                Him him = new Him(h.locker().node().name(), h.locker(), h.vsn(), h.myTag(), h.hisTag());
                (isLocal(him.node()) ? local : remote).addFirst(him);
            }
            case Cancel c when c.task() == null -> removeNode(c.node(), c.tag());
            case Cancel c -> LOG.debug("locker: cancel for {} outside a sync", c.node());
            case AddToKnown add -> addKnown(add.nodes());
            case RemoveFromKnown remove -> removeKnown(remove.node());
            case Tuple t when GlobalTerms.is(t, GlobalTerms.LOCK_SET, 5) || GlobalTerms.is(t, GlobalTerms.LOCK_SET, 4) ->
                    lockSet(t);
            default -> LOG.warn("The global_name_server locker process received an unexpected message: {}", message);
        }
    }

    /** {@code {lock_set, Pid, Set, HisKnown[, MyTag]}} when Him picked us. */
    private void lockSet(Tuple message) {
        if (!(message.get(1) instanceof Address pid) || !Atom.TRUE.equals(message.get(2))) {
            return; // lock_set false: nothing to do
        }
        Optional<Him> him = find(pid.node().name());
        if (him.isEmpty() || (message.size() == 5 && !Objects.equals(him.get().myTag(), message.get(4)))) {
            sendLockSet(false, pid, 5, 0L);
            return;
        }
        Him h = him.get();
        Tuple lockId = lockId(pid);
        boolean set = lockNodesSafely(lockId, List.of());
        sendLockSet(set, pid, h.vsn(), h.hisTag());
        if (set) {
            List<String> known2 = new ArrayList<>(known);
            known2.addFirst(wire.selfNode());
            wire.cast(wire.selfNode(), Tuple.of(GlobalTerms.LOCK_IS_SET, Atom.of(h.node()), h.myTag(), lockId));
            waitCancelLock(h.node(), lockId, h.myTag(), known2);
            justSynced = true;
            removeNode(h.node(), h.myTag());
        }
    }

    /** {@code select_node/1}: try to lock a random peer we do not know yet. */
    private void selectNode() {
        List<Him> others = local.isEmpty() ? remote : local;
        others.removeIf(him -> known.contains(him.node()));
        if (others.isEmpty()) {
            return;
        }
        Him him = others.get((int) entropy.nextLong(others.size()));
        Tuple lockId = lockId(him.locker());
        if (!lockNodesSafely(lockId, List.of(him.node()))) {
            return;
        }
        List<String> known1 = new ArrayList<>(List.of(wire.selfNode(), him.node()));
        known1.addAll(known);
        sendLockSet(true, him.locker(), him.vsn(), him.hisTag());
        lockIsSet(him, known1, lockId);
    }

    /** {@code lock_is_set/5}: wait for Him's answer to our lock_set. */
    private void lockIsSet(Him him, List<String> known1, Tuple lockId) {
        while (true) {
            Object message = self.mailbox().receive(m -> isAnswerFrom(m, him.node()) || isCancel(m, him.node(), him.myTag()));
            if (message instanceof Cancel cancel) {
                runTask(cancel.task());
                lockCalls.deleteGlobalLock(lockId, known1);
                removeNode(him.node(), him.myTag());
                return;
            }
            Tuple answer = (Tuple) message;
            boolean current = answer.size() == 4 || Objects.equals(him.myTag(), answer.get(4));
            if (!current) {
                continue; // an answer to an older attempt
            }
            if (Atom.TRUE.equals(answer.get(2))) {
                wire.cast(wire.selfNode(), Tuple.of(GlobalTerms.LOCK_IS_SET, Atom.of(him.node()), him.myTag(), lockId));
                waitCancelLock(him.node(), lockId, him.myTag(), known1);
                justSynced = true;
                local.remove(him);
                remote.remove(him);
            } else {
                lockCalls.deleteGlobalLock(lockId, known1);
            }
            return;
        }
    }

    private static boolean isAnswerFrom(Object message, String node) {
        return message instanceof Tuple t && (GlobalTerms.is(t, GlobalTerms.LOCK_SET, 5) || GlobalTerms.is(t, GlobalTerms.LOCK_SET, 4))
                && t.get(1) instanceof Address p && p.node().name().equals(node);
    }

    private static boolean isCancel(Object message, String node, Object tag) {
        return message instanceof Cancel c && c.node().equals(node) && Objects.equals(c.tag(), tag);
    }

    /** {@code wait_cancel_lock/6}: the sync runs; the lock is held until the name server cancels. */
    private void waitCancelLock(String node, Tuple lockId, Object myTag, List<String> nodes) {
        Cancel cancel = (Cancel) self.mailbox().receive(m -> isCancel(m, node, myTag));
        runTask(cancel.task());
        lockCalls.deleteGlobalLock(lockId, nodes);
    }

    private void runTask(LockerTask task) {
        if (task != null) {
            task.run(wire);
        }
    }

    /**
     * {@code lock_nodes_safely/3}: the lock on the boss first (so two lockers cannot each hold
     * half of the nodes), then on us and {@code extra}, then on every known node.
     */
    private boolean lockNodesSafely(Tuple lockId, List<String> extra) {
        List<String> first = List.of(boss);
        if (!first.equals(List.of(wire.selfNode())) && !lockCalls.canSetHere(lockId)) {
            return false;
        }
        if (!lockCalls.set(lockId, first)) {
            return false;
        }
        drainKnownUpdates();
        List<String> second = new ArrayList<>(extra);
        second.addFirst(wire.selfNode());
        second.removeAll(first);
        if (!lockCalls.set(lockId, second)) {
            lockCalls.delete(lockId, first);
            return false;
        }
        List<String> rest = new ArrayList<>(known);
        rest.removeAll(first);
        if (!lockCalls.set(lockId, rest)) {
            List<String> soFar = new ArrayList<>(first);
            soFar.addAll(second);
            lockCalls.delete(lockId, soFar);
            return false;
        }
        return true;
    }

    private void sendLockSet(boolean set, Address hisLocker, long vsn, Object hisTag) {
        List<Atom> knownAtoms = GlobalTerms.atoms(known);
        Tuple message = vsn < 8
                ? Tuple.of(GlobalTerms.LOCK_SET, self.self(), Atom.of(set), knownAtoms)
                : Tuple.of(GlobalTerms.LOCK_SET, self.self(), Atom.of(set), knownAtoms, hisTag);
        if (vsn < 6) {
            wire.send(hisLocker, message);
        } else {
            wire.cast(hisLocker.node().name(), message);
        }
    }

    /** {@code {global, lists:sort([Self, HisLocker])}}: both lockers compute the same id. */
    private Tuple lockId(Address hisLocker) {
        List<Object> pair = new ArrayList<>(List.of(self.self(), hisLocker));
        pair.sort(TermOrder.STANDARD);
        return Tuple.of(GlobalTerms.GLOBAL, pair);
    }

    private void drainKnownUpdates() {
        while (true) {
            Optional<Object> update = self.receive(m -> m instanceof AddToKnown || m instanceof RemoveFromKnown,
                    Duration.ZERO);
            if (update.isEmpty()) {
                return;
            }
            handle(update.get());
        }
    }

    private void addKnown(List<String> nodes) {
        known.addAll(0, nodes);
        updateBoss();
    }

    private void removeKnown(String node) {
        known.remove(node);
        updateBoss();
    }

    private void updateBoss() {
        String max = wire.selfNode();
        for (String node : known) {
            if (node.compareTo(max) > 0) {
                max = node;
            }
        }
        boss = max;
    }

    private Optional<Him> find(String node) {
        for (Him him : local) {
            if (him.node().equals(node)) {
                return Optional.of(him);
            }
        }
        return remote.stream().filter(him -> him.node().equals(node)).findFirst();
    }

    private void removeNode(String node, Object tag) {
        local.removeIf(him -> him.node().equals(node) && Objects.equals(him.myTag(), tag));
        remote.removeIf(him -> him.node().equals(node) && Objects.equals(him.myTag(), tag));
    }

    private boolean isLocal(String node) {
        return node.substring(node.indexOf('@') + 1).equals(host);
    }
}
