package io.spindle.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.examples.WordCount;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WordCount example, as a user runs it, reading its input from and writing its counts to a
 * real HDFS (MiniDFSCluster), checked against a count computed here.
 */
class HdfsWordCountTest {
    @TempDir
    static Path baseDir;

    private static MiniDFSCluster hdfs;
    private static FileSystem fileSystem;
    private static String uri;

    @BeforeAll
    static void startHdfs() throws Exception {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, new File(baseDir.toFile(), "hdfs").getAbsolutePath());
        hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        hdfs.waitActive();
        fileSystem = hdfs.getFileSystem();
        uri = fileSystem.getUri().toString();
    }

    @AfterAll
    static void stopHdfs() {
        if (hdfs != null) {
            hdfs.shutdown();
        }
    }

    @Test
    void wordCountReadsAndWritesHdfs() throws Exception {
        Map<String, Integer> expected = new HashMap<>();
        Random random = new Random(7);
        try (OutputStream out = fileSystem.create(new org.apache.hadoop.fs.Path("/input/part-1.txt"))) {
            StringBuilder text = new StringBuilder();
            for (int line = 0; line < 5_000; line++) {
                for (int w = 0; w < 8; w++) {
                    String word = "word" + random.nextInt(500);
                    expected.merge(word, 1, Integer::sum);
                    text.append(w == 0 ? "" : " ").append(word);
                }
                text.append('\n');
            }
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }

        WordCount.main(new String[] {"--input", uri + "/input", "--output", uri + "/output", "--parallelism", "2"});

        Map<String, Integer> actual = new HashMap<>();
        FileStatus[] parts = fileSystem.listStatus(new org.apache.hadoop.fs.Path("/output"));
        assertThat(parts).extracting(status -> status.getPath().getName()).containsExactlyInAnyOrder("1", "2");
        for (FileStatus part : parts) {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(fileSystem.open(part.getPath()), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    String[] fields = line.substring(1, line.length() - 1).split(",");
                    assertThat(actual.put(fields[0], Integer.parseInt(fields[1]))).as("one line per word").isNull();
                }
            }
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void aCachedFileOnHdfsReachesTheTasks() throws Exception {
        try (OutputStream out = fileSystem.create(new org.apache.hadoop.fs.Path("/cache/greeting.txt"))) {
            out.write("hello from hdfs".getBytes(StandardCharsets.UTF_8));
        }
        io.spindle.api.StreamEnvironment env = io.spindle.api.StreamEnvironment.getEnvironment();
        env.setParallelism(2).registerCachedFile(uri + "/cache/greeting.txt", "greeting");
        env.fromSequence(1, 4).map(new Greeting()).writeAsText(uri + "/greetings");

        env.execute("cached file on hdfs");

        int lines = 0;
        for (FileStatus part : fileSystem.listStatus(new org.apache.hadoop.fs.Path("/greetings"))) {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(fileSystem.open(part.getPath()), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    assertThat(line).startsWith("hello from hdfs #");
                    lines++;
                }
            }
        }
        assertThat(lines).isEqualTo(4);
    }

    /** Prefixes each number with the cached file's text. */
    static final class Greeting implements io.spindle.api.functions.MapFunction<Long, String>,
            io.spindle.api.functions.RichFunction {
        private transient String greeting;

        @Override
        public void open(io.spindle.api.functions.RuntimeContext context) throws Exception {
            greeting = java.nio.file.Files.readString(context.getDistributedCache().getFile("greeting").toPath());
        }

        @Override
        public String map(Long value) {
            return greeting + " #" + value;
        }
    }

    @Test
    void aMissingHdfsInputIsReportedBeforeAnythingRuns() {
        assertThatThrownBy(() -> WordCount.main(new String[] {"--input", uri + "/no/such/dir"}))
                .hasMessageContaining("Input path does not exist")
                .hasMessageContaining("/no/such/dir");
    }
}
