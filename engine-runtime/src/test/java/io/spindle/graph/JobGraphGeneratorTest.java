package io.spindle.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.api.DataStream;
import io.spindle.api.InvalidProgramException;
import io.spindle.api.StreamEnvironment;
import io.spindle.api.connectors.DiscardingSink;
import io.spindle.api.tuple.Tuple2;
import io.spindle.configuration.Configuration;
import io.spindle.util.InstantiationUtil;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobGraphGeneratorTest {

    private static StreamEnvironment environment() {
        return new StreamEnvironment(new Configuration(), null);
    }

    @Test
    void forwardConnectedOperatorsOfEqualParallelismFormOneVertex() {
        StreamEnvironment env = environment().setParallelism(3);
        env.fromSequence(1, 10).map(x -> x * 2).filter(x -> x % 3 != 0).addSink(new DiscardingSink<>());

        JobGraph graph = env.getJobGraph("chained");

        assertThat(graph.getVertices()).hasSize(1);
        JobVertex vertex = graph.getVertices().get(0);
        assertThat(vertex.name()).isEqualTo("Sequence Source -> Map -> Filter -> Sink: DiscardingSink");
        assertThat(vertex.parallelism()).isEqualTo(3);
        assertThat(vertex.maxParallelism()).isEqualTo(128);
        assertThat(graph.getEdges()).isEmpty();
    }

    @Test
    void keyByBreaksTheChainWithAHashEdgeAndTheKeyedOperatorGetsTheKey() throws Exception {
        StreamEnvironment env = environment().setParallelism(2);
        env.fromSequence(1, 10).map(x -> Tuple2.of(x % 3, 1L)).keyBy(t -> t.f0).sum(1).addSink(new DiscardingSink<>());

        JobGraph graph = env.getJobGraph("keyed");

        assertThat(graph.getVertices()).extracting(JobVertex::name)
                .containsExactly("Sequence Source -> Map", "Keyed Sum -> Sink: DiscardingSink");
        assertThat(graph.getEdges()).singleElement().satisfies(edge -> {
            assertThat(edge.partitionType()).isEqualTo(PartitionType.HASH);
            assertThat(edge.keySelector()).isNotEmpty();
        });
        OperatorChainSpec keyedChain = InstantiationUtil.deserializeObject(
                graph.getVertices().get(1).operatorChain(), getClass().getClassLoader());
        assertThat(keyedChain.head().stateKeySelector()).isNotNull();
        assertThat(keyedChain.operators().get(1).stateKeySelector()).isNull();
    }

    @Test
    void differentParallelismRebalancesByDefaultAndRejectsExplicitForward() {
        StreamEnvironment env = environment().setParallelism(4);
        env.fromSequence(1, 10).map(x -> x).setParallelism(2).addSink(new DiscardingSink<>());
        JobGraph graph = env.getJobGraph("rebalance");
        // The sink takes the default parallelism 4 again, so both edges change parallelism.
        assertThat(graph.getVertices()).extracting(JobVertex::parallelism).containsExactly(4, 2, 4);
        assertThat(graph.getEdges()).extracting(JobEdge::partitionType)
                .containsExactly(PartitionType.REBALANCE, PartitionType.REBALANCE);

        StreamEnvironment forward = environment().setParallelism(4);
        forward.fromSequence(1, 10).forward().map(x -> x).setParallelism(2).addSink(new DiscardingSink<>());
        assertThatThrownBy(() -> forward.getJobGraph("forward"))
                .isInstanceOf(InvalidProgramException.class)
                .hasMessageContaining("Forward partitioning needs equal parallelism");
    }

    @Test
    void unionAndBroadcastBecomeEdgesOfOneConsumer() {
        StreamEnvironment env = environment().setParallelism(2);
        DataStream<Long> a = env.fromSequence(1, 5);
        DataStream<Long> b = env.fromSequence(6, 10).broadcast();
        a.union(b).map(x -> x + 1).addSink(new DiscardingSink<>());

        JobGraph graph = env.getJobGraph("union");

        assertThat(graph.getVertices()).hasSize(3);
        int consumer = graph.getVertices().get(2).id();
        assertThat(graph.getInputs(consumer)).extracting(JobEdge::partitionType)
                .containsExactly(PartitionType.FORWARD, PartitionType.BROADCAST);
    }

    @Test
    void jobGraphSurvivesBytesRoundTrip() {
        StreamEnvironment env = environment().setParallelism(2);
        env.getConfiguration().setString("custom.key", "value");
        env.fromSequence(1, 10).keyBy(x -> x % 2).reduce(Long::sum).addSink(new DiscardingSink<>());
        JobGraph graph = env.getJobGraph("round trip").withUserJars(List.of("hdfs:///jobs/user.jar"));

        JobGraph copy = JobGraph.fromBytes(graph.toBytes());

        assertThat(copy.getJobId()).isEqualTo(graph.getJobId());
        assertThat(copy.getName()).isEqualTo("round trip");
        assertThat(copy.getVertices()).hasSameSizeAs(graph.getVertices());
        for (int i = 0; i < copy.getVertices().size(); i++) {
            JobVertex original = graph.getVertices().get(i);
            JobVertex restored = copy.getVertices().get(i);
            assertThat(restored.id()).isEqualTo(original.id());
            assertThat(restored.name()).isEqualTo(original.name());
            assertThat(restored.parallelism()).isEqualTo(original.parallelism());
            assertThat(restored.operatorChain()).isEqualTo(original.operatorChain());
        }
        assertThat(copy.getEdges()).singleElement().satisfies(edge -> {
            assertThat(edge.partitionType()).isEqualTo(PartitionType.HASH);
            assertThat(edge.keySelector()).isEqualTo(graph.getEdges().get(0).keySelector());
        });
        assertThat(copy.getConfiguration().getString("custom.key")).isEqualTo("value");
        assertThat(copy.getUserJars()).containsExactly("hdfs:///jobs/user.jar");
        assertThatThrownBy(() -> JobGraph.fromBytes(new byte[] {1, 2, 3}))
                .hasMessageContaining("The job graph is malformed");
    }

    @Test
    void badProgramsFailBeforeAnythingRuns() {
        StreamEnvironment noSink = environment();
        noSink.fromSequence(1, 10).map(x -> x);
        assertThatThrownBy(() -> noSink.getJobGraph("no sink"))
                .isInstanceOf(InvalidProgramException.class)
                .hasMessageContaining("No sinks defined");

        assertThatThrownBy(() -> environment().setParallelism(0))
                .hasMessageContaining("Parallelism must be at least 1, was 0");
        assertThatThrownBy(() -> environment().fromSequence(1, 10).map(x -> x).setParallelism(0))
                .hasMessageContaining("must be at least 1, was 0");

        StreamEnvironment tooWide = environment();
        tooWide.fromSequence(1, 10).map(x -> x).setParallelism(8).setMaxParallelism(4).addSink(new DiscardingSink<>());
        assertThatThrownBy(() -> tooWide.getJobGraph("too wide"))
                .isInstanceOf(InvalidProgramException.class)
                .hasMessageContaining("parallelism 8, above its max parallelism 4");

        Object notSerializable = new Object();
        assertThatThrownBy(() -> environment().fromSequence(1, 10).map(x -> x + notSerializable.hashCode()))
                .isInstanceOf(InvalidProgramException.class)
                .hasMessageContaining("map() is not serializable")
                .hasMessageContaining("java.lang.Object");

        assertThatThrownBy(() -> environment().readTextFile("/no/such/spindle/input.txt"))
                .hasMessageContaining("Input path does not exist")
                .hasMessageContaining("/no/such/spindle/input.txt");

        assertThatThrownBy(() -> environment().fromSequence(1, 10).keyBy(x -> x).setParallelism(2))
                .isInstanceOf(InvalidProgramException.class)
                .hasMessageContaining("applies to an operator");
    }
}
