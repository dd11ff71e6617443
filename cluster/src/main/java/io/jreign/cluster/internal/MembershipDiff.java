package io.jreign.cluster.internal;

import io.jreign.cluster.ClusterSpec;
import io.jreign.cluster.ClusterSpecException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a spec reload changes in the membership of a running node, after checking that nothing
 * else changed that the node cannot change while it runs: the cluster's name, CA, serializer and
 * registrations, timeouts and limits, and this node's own entry (its certificate, key and
 * addresses are in use).
 *
 * @param added   members of the new spec only
 * @param removed names of members of the running spec only
 * @param moved   members of both whose advertised address differs (as in the new spec)
 */
record MembershipDiff(List<ClusterSpec.Member> added, List<String> removed, List<ClusterSpec.Member> moved) {

    /**
     * @throws ClusterSpecException naming the first field that differs and cannot change at run time
     */
    static MembershipDiff of(ClusterSpec running, ClusterSpec next, ClusterSpec.Member me) {
        fixed("cluster", running.cluster(), next.cluster());
        fixed("ca", running.ca(), next.ca());
        fixed("serializer", running.serializer(), next.serializer());
        fixed("register", running.registrations(), next.registrations());
        fixed("timeouts", running.timeouts(), next.timeouts());
        fixed("limits", running.limits(), next.limits());
        Map<String, ClusterSpec.Member> before = byName(running);
        Map<String, ClusterSpec.Member> after = byName(next);
        ClusterSpec.Member mine = after.get(me.name());
        if (mine == null) {
            throw new ClusterSpecException("nodes", "this node, " + me.name() + ", is not in the new spec: close it instead");
        }
        if (!mine.equals(me)) {
            throw new ClusterSpecException("nodes[" + next.nodes().indexOf(mine) + "]", "the entry of this node, "
                    + me.name() + ", cannot change while it runs (restart it to apply): was " + me + ", now " + mine);
        }
        List<ClusterSpec.Member> added = new ArrayList<>();
        List<ClusterSpec.Member> moved = new ArrayList<>();
        for (ClusterSpec.Member member : next.nodes()) {
            ClusterSpec.Member old = before.get(member.name());
            if (old == null) {
                added.add(member);
            } else if (!member.name().equals(me.name()) && !old.advertise().equals(member.advertise())) {
                moved.add(member);
            }
        }
        List<String> removed = before.keySet().stream().filter(name -> !after.containsKey(name)).toList();
        return new MembershipDiff(List.copyOf(added), removed, List.copyOf(moved));
    }

    private static void fixed(String field, Object running, Object next) {
        if (!Objects.equals(running, next)) {
            throw new ClusterSpecException(field, "cannot change while the node runs (restart it to apply): was "
                    + running + ", now " + next);
        }
    }

    private static Map<String, ClusterSpec.Member> byName(ClusterSpec spec) {
        Map<String, ClusterSpec.Member> members = new LinkedHashMap<>();
        for (ClusterSpec.Member member : spec.nodes()) {
            members.put(member.name(), member);
        }
        return members;
    }

    @Override
    public String toString() {
        return "added " + added.stream().map(ClusterSpec.Member::name).toList() + ", removed " + removed
                + ", moved " + moved.stream().map(m -> m.name() + " to " + m.advertise()).toList();
    }
}
