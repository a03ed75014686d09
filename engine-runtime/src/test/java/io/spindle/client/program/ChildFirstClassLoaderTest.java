package io.spindle.client.program;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.Version;
import io.spindle.api.JobID;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildFirstClassLoaderTest {
    private static final String SHARED_RESOURCE = "log4j2-test.xml";
    private static final String LIBRARY_CLASS_NOT_IN_JAR = "com.fasterxml.jackson.databind.ObjectMapper";

    @TempDir
    Path dir;

    private Path jar;

    @BeforeEach
    void buildJar() throws Exception {
        jar = TestJars.jarOf(dir.resolve("user.jar"), null, Map.of(
                TestJars.classFileName(Version.class.getName()), TestJars.classBytes(Version.class.getName()),
                TestJars.classFileName(JobID.class.getName()), TestJars.classBytes(JobID.class.getName()),
                SHARED_RESOURCE, "<user copy/>".getBytes(StandardCharsets.UTF_8),
                "io/spindle/engine-resource.txt", "user".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aLibraryClassInTheUserJarWinsOverTheParentsCopy() throws Exception {
        try (ChildFirstClassLoader loader = newLoader()) {
            Class<?> loaded = loader.loadClass(Version.class.getName());

            assertThat(loaded.getClassLoader()).isSameAs(loader);
            assertThat(loaded).isNotSameAs(Version.class);
            assertThat(loader.loadClass(Version.class.getName())).as("loaded once").isSameAs(loaded);
        }
    }

    @Test
    void spindleClassesComeFromTheParentEvenWhenTheJarBundlesThem() throws Exception {
        try (ChildFirstClassLoader loader = newLoader()) {
            assertThat(loader.loadClass(JobID.class.getName())).isSameAs(JobID.class);
        }
    }

    @Test
    void classesMissingFromTheJarComeFromTheParent() throws Exception {
        try (ChildFirstClassLoader loader = newLoader()) {
            assertThat(loader.loadClass(LIBRARY_CLASS_NOT_IN_JAR)).isSameAs(Class.forName(LIBRARY_CLASS_NOT_IN_JAR));
            assertThat(loader.loadClass("java.lang.String")).isSameAs(String.class);
        }
    }

    @Test
    void bundledExamplesAreUserCodeButOtherSpindlePackagesAreShared() {
        assertThat(ChildFirstClassLoader.isParentFirst("io.spindle.examples.WordCount")).isFalse();
        assertThat(ChildFirstClassLoader.isParentFirst("io.spindle.api.StreamEnvironment")).isTrue();
        assertThat(ChildFirstClassLoader.isParentFirst("org.slf4j.Logger")).isTrue();
        assertThat(ChildFirstClassLoader.isParentFirst("org.apache.hadoop.fs.FileSystem")).isTrue();
        assertThat(ChildFirstClassLoader.isParentFirst("com.google.common.base.Strings")).isFalse();
    }

    @Test
    void resourcesFollowTheSameOrder() throws Exception {
        try (ChildFirstClassLoader loader = newLoader()) {
            URL userResource = loader.getResource(SHARED_RESOURCE);
            assertThat(userResource.toString()).startsWith("jar:").contains("user.jar");
            List<URL> all = Collections.list(loader.getResources(SHARED_RESOURCE));
            assertThat(all).hasSize(2);
            assertThat(all.get(0)).isEqualTo(userResource);

            String engineClassFile = TestJars.classFileName(JobID.class.getName());
            assertThat(loader.getResource(engineClassFile)).isEqualTo(getClass().getClassLoader().getResource(engineClassFile));
            List<URL> engineFirst = Collections.list(loader.getResources(engineClassFile));
            assertThat(engineFirst.get(0).toString()).doesNotContain("user.jar");
            assertThat(engineFirst.get(engineFirst.size() - 1).toString()).contains("user.jar");
            assertThat(loader.getResource("io/spindle/engine-resource.txt").toString())
                    .as("a shared package's resource only the jar has").contains("user.jar");
        }
    }

    private ChildFirstClassLoader newLoader() throws Exception {
        return new ChildFirstClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader());
    }
}
