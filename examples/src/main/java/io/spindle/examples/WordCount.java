package io.spindle.examples;

import io.spindle.api.DataStream;
import io.spindle.api.ParameterTool;
import io.spindle.api.RuntimeExecutionMode;
import io.spindle.api.StreamEnvironment;
import io.spindle.api.functions.Collector;
import io.spindle.api.functions.FlatMapFunction;
import io.spindle.api.functions.KeySelector;
import io.spindle.api.tuple.Tuple2;
import java.util.Locale;

/**
 * Counts the words of a text: {@code --input <path>} (a file or directory, {@code file://} or
 * {@code hdfs://}; a built-in text when absent) and {@code --output <path>} (stdout when absent).
 * Runs in batch mode, so each word's final count is written once as {@code (word,count)}.
 */
public final class WordCount {
    private WordCount() {}

    public static void main(String[] args) throws Exception {
        ParameterTool params = ParameterTool.fromArgs(args);
        StreamEnvironment env = StreamEnvironment.getEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        if (params.has("parallelism")) {
            env.setParallelism(params.getInt("parallelism", 1));
        }
        DataStream<String> text = params.has("input")
                ? env.readTextFile(params.get("input"))
                : env.fromCollection(WordCountData.LINES);
        DataStream<Tuple2<String, Integer>> counts = text
                .flatMap(new Tokenizer()).name("Tokenizer")
                .keyBy(new WordKey())
                .sum(1).name("Count");
        if (params.has("output")) {
            counts.writeAsText(params.get("output"));
        } else {
            counts.print();
        }
        env.execute("WordCount");
    }

    /** The word of a {@code (word, count)} pair. */
    public static final class WordKey implements KeySelector<Tuple2<String, Integer>, String> {
        @Override
        public String getKey(Tuple2<String, Integer> pair) {
            return pair.f0;
        }
    }

    /** Splits a line into lower-case words and emits {@code (word, 1)} for each. */
    public static final class Tokenizer implements FlatMapFunction<String, Tuple2<String, Integer>> {
        @Override
        public void flatMap(String line, Collector<Tuple2<String, Integer>> out) {
            for (String token : line.toLowerCase(Locale.ROOT).split("\\W+")) {
                if (!token.isEmpty()) {
                    out.collect(Tuple2.of(token, 1));
                }
            }
        }
    }
}
