package io.spindle.api.connectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PrintSinkTest {
    private static final String NL = System.lineSeparator();

    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
    private final ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();

    @BeforeEach
    void captureStandardStreams() {
        System.setOut(new PrintStream(capturedOut, true, Charset.defaultCharset()));
        System.setErr(new PrintStream(capturedErr, true, Charset.defaultCharset()));
    }

    @AfterEach
    void restoreStandardStreams() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void atParallelismOneLinesHaveNoPrefix() throws Exception {
        print(new PrintSink<>(), 0, 1, List.of("a", 2));

        assertThat(stdout()).isEqualTo("a" + NL + "2" + NL);
    }

    @Test
    void aboveParallelismOneLinesStartWithTheSubtaskNumber() throws Exception {
        print(new PrintSink<>(), 1, 3, List.of("x", "y"));

        assertThat(stdout()).isEqualTo("2> x" + NL + "2> y" + NL);
    }

    @Test
    void anIdentifierPrecedesTheSubtaskNumber() throws Exception {
        print(new PrintSink<>("counts", false), 0, 2, List.of("x"));
        print(new PrintSink<>("single", false), 0, 1, List.of("y"));

        assertThat(stdout()).isEqualTo("counts:1> x" + NL + "single> y" + NL);
    }

    @Test
    void canPrintToStandardError() throws Exception {
        print(new PrintSink<>(true), 0, 1, List.of("oops"));

        assertThat(capturedErr.toString(Charset.defaultCharset())).isEqualTo("oops" + NL);
        assertThat(stdout()).isEmpty();
    }

    @Test
    void manyRecordsArriveCompleteAndInOrder() throws Exception {
        List<Integer> values = java.util.stream.IntStream.range(0, 20_000).boxed().toList();

        print(new PrintSink<>(), 0, 1, values);

        assertThat(stdout().split(NL)).hasSize(20_000).startsWith("0", "1").endsWith("19999");
    }

    @Test
    void anIdleStreamIsFlushedWithoutFinish() throws Exception {
        PrintSink<String> sink = new PrintSink<>();
        sink.open(new FakeRuntimeContext(0, 1));
        try {
            sink.invoke("soon");
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (stdout().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(stdout()).isEqualTo("soon" + NL);
        } finally {
            sink.close();
        }
    }

    private static <T> void print(PrintSink<T> sink, int index, int parallelism, List<? extends T> values)
            throws Exception {
        PrintSink<T> shipped = Serialization.roundTrip(sink);
        shipped.open(new FakeRuntimeContext(index, parallelism));
        for (T value : values) {
            shipped.invoke(value);
        }
        shipped.finish();
        shipped.close();
    }

    private String stdout() {
        return capturedOut.toString(Charset.defaultCharset());
    }
}
