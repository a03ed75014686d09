package io.spindle.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A working directory lives as long as its process: a live one, in another JVM or this one, keeps
 * it; one killed with kill -9 leaves it behind for the next process to delete.
 */
class ProcessWorkingDirectoryTest {
    @TempDir
    Path base;

    /** Holds a working directory in a JVM of its own until killed; prints "ready" once it holds it. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            ProcessWorkingDirectory directory = ProcessWorkingDirectory.create(Path.of(args[0]), "spindle-test-", args[1]);
            Files.writeString(directory.path().resolve("blob"), "jar bytes");
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @Test
    void theDirectoryOfAKilledProcessIsSweptAndThatOfALiveOneIsNot() throws Exception {
        Process live = startHolder("live");
        Process killed = startHolder("killed");
        try {
            killed.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            assertThat(base.resolve("spindle-test-killed").resolve("blob")).as("kill -9 deletes nothing").exists();

            int swept = ProcessWorkingDirectory.sweepAbandoned(base, "spindle-test-");

            assertThat(swept).isEqualTo(1);
            assertThat(base.resolve("spindle-test-killed")).doesNotExist();
            assertThat(base.resolve("spindle-test-live").resolve("blob")).exists();
        } finally {
            live.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aDirectoryHeldInThisJvmIsKeptAndCannotBeTakenTwice() throws Exception {
        try (ProcessWorkingDirectory held = ProcessWorkingDirectory.create(base, "spindle-test-", "mine")) {
            assertThat(ProcessWorkingDirectory.sweepAbandoned(base, "spindle-test-")).isZero();
            assertThat(held.path()).exists();
            assertThatThrownBy(() -> ProcessWorkingDirectory.create(base, "spindle-test-", "mine"))
                    .hasMessageContaining("in use");
        }
        assertThat(base.resolve("spindle-test-mine")).as("deleted on close").doesNotExist();
    }

    @Test
    void anUnlockedDirectoryIsSweptOnlyOnceItIsOldAndOthersAreLeftAlone() throws Exception {
        Path young = Files.createDirectories(base.resolve("spindle-test-young"));
        Path old = Files.createDirectories(base.resolve("spindle-test-old"));
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        Path foreign = Files.createDirectories(base.resolve("someone-else"));
        Files.setLastModifiedTime(foreign, FileTime.from(Instant.now().minus(Duration.ofHours(1))));

        assertThat(ProcessWorkingDirectory.sweepAbandoned(base, "spindle-test-")).isEqualTo(1);

        assertThat(old).doesNotExist();
        assertThat(young).exists();
        assertThat(foreign).exists();
    }

    private Process startHolder(String id) throws Exception {
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Holder.class.getName(), base.toString(), id))
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()));
        String line;
        while ((line = out.readLine()) != null && !line.equals("ready")) {
            // skip the JVM's and logging's chatter
        }
        assertThat(line).as("the holder process started").isEqualTo("ready");
        return process;
    }
}
