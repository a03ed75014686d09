package io.spindle.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.api.DataStream;
import io.spindle.api.StreamEnvironment;
import io.spindle.api.connectors.DiscardingSink;
import io.spindle.api.functions.ParallelSourceFunction;
import io.spindle.api.functions.SourceFunction;
import io.spindle.configuration.Configuration;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plain SourceFunction runs alone; a ParallelSourceFunction takes the job's parallelism. */
class SourceParallelismTest {

    private static StreamEnvironment environment(int parallelism) {
        return new StreamEnvironment(new Configuration(), null).setParallelism(parallelism);
    }

    @Test
    void aPlainSourceRunsAloneWhileTheOperatorsAfterItTakeTheDefaultParallelism() {
        StreamEnvironment env = environment(4);
        env.addSource(new Numbers(), "numbers").map(x -> x + 1).addSink(new DiscardingSink<>());

        JobGraph graph = env.getJobGraph("non-parallel source");

        assertThat(graph.getVertices()).extracting(JobVertex::name, JobVertex::parallelism)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("numbers", 1),
                        org.assertj.core.groups.Tuple.tuple("Map -> Sink: DiscardingSink", 4));
        assertThat(graph.getEdges()).extracting(JobEdge::partitionType).containsExactly(PartitionType.REBALANCE);
    }

    @Test
    void settingAParallelismAboveOneOnAPlainSourceIsRefusedWithItsName() {
        DataStream<Long> numbers = environment(4).addSource(new Numbers(), "numbers");

        assertThatThrownBy(() -> numbers.setParallelism(2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The source 'numbers' (io.spindle.graph.SourceParallelismTest$Numbers) is not a"
                        + " ParallelSourceFunction and runs with parallelism 1, but parallelism 2 was set on it. Remove"
                        + " the setParallelism call, or implement ParallelSourceFunction if each instance can read its"
                        + " own share of the input.");
        numbers.setParallelism(1);
    }

    @Test
    void aParallelSourceTakesTheDefaultOrItsOwnParallelism() {
        StreamEnvironment env = environment(4);
        env.addSource(new ParallelNumbers(), "default").addSink(new DiscardingSink<>());
        env.addSource(new ParallelNumbers(), "three").setParallelism(3).addSink(new DiscardingSink<>());

        JobGraph graph = env.getJobGraph("parallel sources");

        assertThat(graph.getVertices()).extracting(JobVertex::name, JobVertex::parallelism).containsExactly(
                org.assertj.core.groups.Tuple.tuple("default -> Sink: DiscardingSink", 4),
                org.assertj.core.groups.Tuple.tuple("three", 3),
                org.assertj.core.groups.Tuple.tuple("Sink: DiscardingSink", 4));
    }

    @Test
    void builtInSourcesAreParallelOnlyWhereTheirInputCanBeDivided(@TempDir Path directory) throws Exception {
        Path input = Files.writeString(directory.resolve("input.txt"), "a line\n");
        StreamEnvironment env = environment(3);
        env.fromSequence(1, 10).addSink(new DiscardingSink<>());
        env.readTextFile(input.toUri().toString()).addSink(new DiscardingSink<>());
        env.fromElements(1, 2, 3).addSink(new DiscardingSink<>());
        env.socketTextStream("localhost", 9999).addSink(new DiscardingSink<>());

        JobGraph graph = env.getJobGraph("built-in sources");

        assertThat(graph.getVertices()).filteredOn(JobVertex::source).extracting(JobVertex::parallelism)
                .containsExactly(3, 3, 1, 1);
        assertThatThrownBy(() -> environment(1).socketTextStream("localhost", 9999).setParallelism(2))
                .hasMessageStartingWith("The source 'Socket Stream' (io.spindle.api.connectors.SocketTextSource) is not a"
                        + " ParallelSourceFunction");
    }

    static final class Numbers implements SourceFunction<Long> {
        @Override
        public void run(SourceContext<Long> ctx) {
            ctx.collect(1L);
        }

        @Override
        public void cancel() {}
    }

    static final class ParallelNumbers implements ParallelSourceFunction<Long> {
        @Override
        public void run(SourceContext<Long> ctx) {
            ctx.collect(1L);
        }

        @Override
        public void cancel() {}
    }
}
