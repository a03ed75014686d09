package io.spindle.it.yarn.programs;

import io.spindle.api.ParameterTool;
import io.spindle.api.RuntimeExecutionMode;
import io.spindle.api.StreamEnvironment;

/**
 * Two jobs, one after the other, from one main(): the first counts the words of {@code --input}
 * into {@code --counts}; the second reads those counts and writes them upper-cased to
 * {@code --upper}, so it can only succeed if the first one has finished.
 */
public final class TwoSequentialJobs {
    private TwoSequentialJobs() {}

    public static void main(String[] args) throws Exception {
        ParameterTool params = ParameterTool.fromArgs(args);
        StreamEnvironment env = StreamEnvironment.getEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH).setParallelism(2);
        env.readTextFile(params.get("input"))
                .flatMap(new ProgramFunctions.Tokenizer())
                .keyBy(new ProgramFunctions.WordKey())
                .sum(1)
                .writeAsText(params.get("counts"));
        env.execute("count words");

        env.readTextFile(params.get("counts"))
                .map(new ProgramFunctions.UpperCase())
                .writeAsText(params.get("upper"));
        env.execute("upper-case the counts");
    }
}
