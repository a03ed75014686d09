package io.spindle.api;

import io.spindle.api.connectors.PrintSink;
import io.spindle.api.connectors.TextFileSink;
import io.spindle.api.connectors.WriteMode;
import io.spindle.api.connectors.filesink.FileSink;
import io.spindle.api.eventtime.WatermarkStrategy;
import io.spindle.api.functions.FilterFunction;
import io.spindle.api.functions.FlatMapFunction;
import io.spindle.api.functions.KeySelector;
import io.spindle.api.functions.MapFunction;
import io.spindle.api.functions.SinkFunction;
import io.spindle.api.transformations.OneInputTransformation;
import io.spindle.api.transformations.PartitionTransformation;
import io.spindle.api.transformations.SourceTransformation;
import io.spindle.api.transformations.Transformation;
import io.spindle.api.transformations.UnionTransformation;
import io.spindle.graph.PartitionType;
import io.spindle.runtime.operators.OneInputStreamOperator;
import io.spindle.runtime.operators.StreamFilter;
import io.spindle.runtime.operators.StreamFlatMap;
import io.spindle.runtime.operators.StreamMap;
import io.spindle.runtime.operators.StreamSink;
import io.spindle.runtime.operators.TimestampsAndWatermarksOperator;
import java.util.ArrayList;
import java.util.List;

/** A stream of records of type {@code T}, the unit the DataStream API composes. */
public class DataStream<T> {
    protected final StreamEnvironment environment;
    protected final Transformation<T> transformation;

    DataStream(StreamEnvironment environment, Transformation<T> transformation) {
        this.environment = environment;
        this.transformation = transformation;
    }

    public StreamEnvironment getEnvironment() {
        return environment;
    }

    public Transformation<T> getTransformation() {
        return transformation;
    }

    /** Key of the records when this stream is keyed; operators applied to it get keyed state. */
    KeySelector<T, ?> stateKeySelector() {
        return null;
    }

    public <R> DataStream<R> map(MapFunction<T, R> mapper) {
        return transform("Map", new StreamMap<>(UserFunctions.checkSerializable(mapper, "map")));
    }

    public <R> DataStream<R> flatMap(FlatMapFunction<T, R> flatMapper) {
        return transform("Flat Map", new StreamFlatMap<>(UserFunctions.checkSerializable(flatMapper, "flatMap")));
    }

    public DataStream<T> filter(FilterFunction<T> filter) {
        return transform("Filter", new StreamFilter<>(UserFunctions.checkSerializable(filter, "filter")));
    }

    /** Assigns event-time timestamps and emits watermarks as the strategy says. */
    public DataStream<T> assignTimestampsAndWatermarks(WatermarkStrategy<T> strategy) {
        return transform("Timestamps/Watermarks",
                new TimestampsAndWatermarksOperator<>(UserFunctions.checkSerializable(strategy, "assignTimestampsAndWatermarks")));
    }

    public <K> KeyedStream<T, K> keyBy(KeySelector<T, K> keySelector) {
        UserFunctions.checkSerializable(keySelector, "keyBy");
        return new KeyedStream<>(environment,
                new PartitionTransformation<>(transformation, PartitionType.HASH, keySelector), keySelector);
    }

    /** Distributes records round robin over the next operator's instances. */
    public DataStream<T> rebalance() {
        return new DataStream<>(environment, new PartitionTransformation<>(transformation, PartitionType.REBALANCE, null));
    }

    /** Sends every record to every instance of the next operator. */
    public DataStream<T> broadcast() {
        return new DataStream<>(environment, new PartitionTransformation<>(transformation, PartitionType.BROADCAST, null));
    }

    /** Instance i of this operator feeds instance i of the next; parallelism must match. */
    public DataStream<T> forward() {
        return new DataStream<>(environment, new PartitionTransformation<>(transformation, PartitionType.FORWARD, null));
    }

    @SafeVarargs
    public final DataStream<T> union(DataStream<T>... others) {
        List<Transformation<T>> inputs = new ArrayList<>();
        inputs.add(transformation);
        for (DataStream<T> other : others) {
            if (other.environment != environment) {
                throw new InvalidProgramException("union() needs streams of the same StreamEnvironment");
            }
            inputs.add(other.transformation);
        }
        return new DataStream<>(environment, new UnionTransformation<>(inputs));
    }

    /** Sets the parallelism of the operator that produces this stream. */
    public DataStream<T> setParallelism(int parallelism) {
        physicalTransformation("setParallelism").setParallelism(parallelism);
        return this;
    }

    /** Sets the number of key groups of the operator that produces this stream. */
    public DataStream<T> setMaxParallelism(int maxParallelism) {
        physicalTransformation("setMaxParallelism").setMaxParallelism(maxParallelism);
        return this;
    }

    /** Names the operator that produces this stream (shown in the job's vertices). */
    public DataStream<T> name(String name) {
        physicalTransformation("name").setName(name);
        return this;
    }

    /**
     * Gives the operator that produces this stream a stable id for its state: a savepoint's
     * state is matched to operators by it, so a job whose topology changed still finds it. Without
     * one, the id comes from the operator's place in the program.
     */
    public DataStream<T> uid(String uid) {
        physicalTransformation("uid").setUid(uid);
        return this;
    }

    public DataStreamSink<T> print() {
        return addSink(new PrintSink<>(false), "Print to Std. Out");
    }

    public DataStreamSink<T> printToErr() {
        return addSink(new PrintSink<>(true), "Print to Std. Err");
    }

    /** Writes {@code toString()} of each record as a line; a directory of part files above parallelism 1. */
    public DataStreamSink<T> writeAsText(String path) {
        return writeAsText(path, WriteMode.NO_OVERWRITE);
    }

    public DataStreamSink<T> writeAsText(String path, WriteMode writeMode) {
        return addSink(new TextFileSink<>(path, writeMode), "Write to " + path);
    }

    /** Writes into part files below the sink's base path, exactly once when checkpointing is on. */
    public DataStreamSink<T> sinkTo(FileSink<T> sink) {
        return addSink(sink, "FileSink to " + sink.getBasePath());
    }

    public DataStreamSink<T> addSink(SinkFunction<T> sink) {
        return addSink(sink, "Sink: " + sink.getClass().getSimpleName());
    }

    private DataStreamSink<T> addSink(SinkFunction<T> sink, String name) {
        UserFunctions.checkSerializable(sink, "addSink");
        OneInputTransformation<T, Object> sinkTransformation =
                new OneInputTransformation<>(transformation, name, new StreamSink<>(sink), stateKeySelector());
        environment.addSink(sinkTransformation);
        return new DataStreamSink<>(sinkTransformation);
    }

    /** Applies a custom operator; the building block of every other transformation. */
    public <R> DataStream<R> transform(String name, OneInputStreamOperator<T, R> operator) {
        return new DataStream<>(environment, new OneInputTransformation<>(transformation, name, operator, stateKeySelector()));
    }

    private Transformation<T> physicalTransformation(String method) {
        if (transformation instanceof PartitionTransformation || transformation instanceof UnionTransformation) {
            throw new InvalidProgramException(method + "() applies to an operator, not to the result of keyBy(),"
                    + " rebalance(), broadcast(), forward() or union(); call it right after the operator instead");
        }
        return transformation;
    }

    boolean isSource() {
        return transformation instanceof SourceTransformation;
    }
}
