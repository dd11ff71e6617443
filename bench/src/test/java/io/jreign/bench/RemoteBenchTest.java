package io.jreign.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which two-node workloads {@code bench/compare}'s --only and --skip select. */
class RemoteBenchTest {

    private static List<String> selected(String only, String skip) {
        return RemoteBench.select(only, skip).stream().map(workload -> workload.names().getFirst()
                .substring("io.jreign.bench.".length())).toList();
    }

    @Test
    void theClusterGroupHasItsBaselinesAndTheDistGroupItsOwn() {
        assertEquals(List.of("cluster.ClusterLoad.jreign", "cluster.ClusterLoad.pekkoArtery", "cluster.ClusterLoad.erlangTls",
                "cluster.ClusterLoad.erlangTcp"), selected("Cluster", null));
        // erl->erl over TCP is both groups' baseline: it runs once, for either
        assertEquals(List.of("cluster.ClusterLoad.erlangTcp", "dist.DistLoad.javaToErl", "dist.DistLoad.erlToJava"),
                selected("Dist", null));
        assertEquals(6, selected("io\\.jreign\\.bench\\.", null).size());
        assertEquals(6, selected("Cluster|Dist", "").size());
    }

    @Test
    void skipLeavesOutWhatItMatchesAndTheSingleJvmSuiteSelectsNone() {
        assertEquals(List.of(), selected("io\\.jreign\\.bench\\.", "Cluster|Dist"));
        assertEquals(List.of("cluster.ClusterLoad.erlangTcp", "dist.DistLoad.javaToErl", "dist.DistLoad.erlToJava"),
                selected("Dist", "Cluster"));
        assertEquals(List.of("cluster.ClusterLoad.jreign"), selected("ClusterLoad", "pekko|erlang"));
        assertEquals(List.of(), selected("PingPong|CallReply", null));
    }
}
