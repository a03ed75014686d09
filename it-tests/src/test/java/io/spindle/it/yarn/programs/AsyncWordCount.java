package io.spindle.it.yarn.programs;

import io.spindle.api.JobClient;
import io.spindle.api.ParameterTool;
import io.spindle.api.RuntimeExecutionMode;
import io.spindle.api.StreamEnvironment;

/** Word count of {@code --input} into {@code --output}, submitted with executeAsync() and awaited on its JobClient. */
public final class AsyncWordCount {
    private AsyncWordCount() {}

    public static void main(String[] args) throws Exception {
        ParameterTool params = ParameterTool.fromArgs(args);
        StreamEnvironment env = StreamEnvironment.getEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH).setParallelism(2);
        env.readTextFile(params.get("input"))
                .flatMap(new ProgramFunctions.Tokenizer())
                .keyBy(new ProgramFunctions.WordKey())
                .sum(1)
                .writeAsText(params.get("output"));
        JobClient client = env.executeAsync("async word count");
        client.getJobExecutionResult().get();
    }
}
