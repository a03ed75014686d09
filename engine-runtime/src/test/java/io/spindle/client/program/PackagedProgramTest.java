package io.spindle.client.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackagedProgramTest {
    @TempDir
    Path dir;

    @Test
    void missingJar() {
        Path missing = dir.resolve("nowhere.jar");
        assertThatThrownBy(() -> new PackagedProgram(missing, null, List.of()))
                .isInstanceOf(ProgramInvocationException.class)
                .hasMessage("JAR file does not exist: " + missing);
    }

    @Test
    void corruptJar() throws Exception {
        Path corrupt = Files.writeString(dir.resolve("corrupt.jar"), "this is not a zip file");
        assertThatThrownBy(() -> new PackagedProgram(corrupt, null, List.of()))
                .isInstanceOf(ProgramInvocationException.class)
                .hasMessageStartingWith(corrupt + " is not a valid JAR file: ");
    }

    @Test
    void noEntryClassAndNoMainClassInTheManifest() throws Exception {
        Path jar = TestJars.jarOf(dir.resolve("plain.jar"), null, RecordingMain.class);
        assertThatThrownBy(() -> new PackagedProgram(jar, null, List.of()))
                .isInstanceOf(ProgramInvocationException.class)
                .hasMessageContaining("No entry class given")
                .hasMessageContaining("has no Main-Class in its manifest")
                .hasMessageContaining("-c <class>");
    }

    @Test
    void entryClassThatIsNotInTheJar() throws Exception {
        Path jar = TestJars.jarOf(dir.resolve("plain.jar"), "com.example.Missing", RecordingMain.class);
        assertThatThrownBy(() -> new PackagedProgram(jar, null, List.of()))
                .isInstanceOf(ProgramInvocationException.class)
                .hasMessageStartingWith("Entry class com.example.Missing was not found in the JAR file " + jar);
    }

    @Test
    void entryClassWithoutMain() throws Exception {
        Path jar = TestJars.jarOf(dir.resolve("nomain.jar"), null, NoMain.class);
        assertThatThrownBy(() -> new PackagedProgram(jar, NoMain.class.getName(), List.of()))
                .isInstanceOf(ProgramInvocationException.class)
                .hasMessage("Entry class " + NoMain.class.getName() + " has no method 'public static void main(String[] args)'");
    }

    @Test
    void mainRunsWithTheProgramsClassLoaderAndArguments() throws Exception {
        Path jar = TestJars.jarOf(dir.resolve("job.jar"), RecordingMain.class.getName(), RecordingMain.class);
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try (PackagedProgram program = new PackagedProgram(jar, null, List.of("--x", "1"))) {
            program.invokeMain();

            assertThat(program.getEntryClassName()).isEqualTo(RecordingMain.class.getName());
            assertThat(RecordingMain.contextClassLoader).isSameAs(program.getUserClassLoader());
            assertThat(RecordingMain.arguments).containsExactly("--x", "1");
            assertThat(program.getUserJarUrls()).containsExactly(jar.toUri().toURL());
        }
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
    }

    @Test
    void anExceptionFromMainIsWrappedWithTheUsersExceptionAsCause() throws Exception {
        Path jar = TestJars.jarOf(dir.resolve("throws.jar"), null, ThrowingMain.class);
        try (PackagedProgram program = new PackagedProgram(jar, ThrowingMain.class.getName(), List.of())) {
            assertThatThrownBy(program::invokeMain)
                    .isInstanceOf(ProgramInvocationException.class)
                    .hasMessageContaining(ThrowingMain.class.getName())
                    .hasMessageContaining("input is empty")
                    .cause().isInstanceOf(IllegalStateException.class).hasMessage("input is empty");
        }
    }

    /** Records what its main() saw. */
    public static final class RecordingMain {
        static volatile ClassLoader contextClassLoader;
        static volatile String[] arguments;

        public static void main(String[] args) {
            contextClassLoader = Thread.currentThread().getContextClassLoader();
            arguments = args;
        }
    }

    public static final class ThrowingMain {
        public static void main(String[] args) {
            throw new IllegalStateException("input is empty");
        }
    }

    public static final class NoMain {
        public static void run(String[] args) {}
    }
}
