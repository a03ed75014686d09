package io.spindle.yarn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provided lib directories on the local FileSystem, whose modification times the tests set. */
class ProvidedLibTest {
    private static final FileTime EARLIER = FileTime.fromMillis(1_700_000_000_000L);
    private static final FileTime LATER = FileTime.fromMillis(1_700_000_100_000L);

    @TempDir
    Path root;

    @Test
    void aFlatDirectoryThatFollowsItsFilesIsOneResourceWithItsJarsOnTheClassPathByName() throws Exception {
        Path lib = directory("lib", LATER, "b.jar", "a.jar", "NOTICE");

        ProvidedLib providedLib = ProvidedLib.list(List.of(lib.toUri().toString()), new Configuration());
        ProvidedLib.Directory directory = providedLib.directories().get(0);

        assertThat(providedLib.names()).containsExactlyInAnyOrder("provided-lib-0", "a.jar", "b.jar", "NOTICE");
        assertThat(directory.resources()).singleElement().satisfies(resource -> {
            assertThat(resource.name()).isEqualTo("provided-lib-0");
            assertThat(resource.visibility()).isEqualTo(LocalResourceVisibility.PUBLIC);
            assertThat(resource.modificationTime()).isEqualTo(LATER.toMillis());
        });
        assertThat(directory.classpathEntries()).containsExactly("provided-lib-0/a.jar", "provided-lib-0/b.jar");
    }

    @Test
    void aDirectoryWithSubdirectoriesIsShippedFileByFileWithoutThem() throws Exception {
        Path lib = directory("lib", LATER, "a.jar");
        Files.createDirectory(lib.resolve("plugins"));
        Files.setLastModifiedTime(lib, LATER);

        ProvidedLib.Directory directory = single(lib);

        assertThat(directory.whole()).isNull();
        assertThat(directory.resources()).extracting(ShippedFile::name).containsExactly("a.jar");
    }

    @Test
    void theClassDataKeyFollowsTheFilesAndAFileOrAMissingPathIsNoDirectory() throws Exception {
        Path lib = directory("lib", LATER, "a.jar");
        String key = ProvidedLib.list(List.of(lib.toUri().toString()), new Configuration()).classDataKey();
        assertThat(ProvidedLib.list(List.of(lib.toUri().toString()), new Configuration()).classDataKey()).isEqualTo(key);

        Files.setLastModifiedTime(lib.resolve("a.jar"), LATER);
        assertThat(ProvidedLib.list(List.of(lib.toUri().toString()), new Configuration()).classDataKey())
                .matches("[0-9a-f]{16}").isNotEqualTo(key);
        assertThatThrownBy(() -> ProvidedLib.list(List.of(lib.resolve("a.jar").toUri().toString()), new Configuration()))
                .isInstanceOf(ClusterDeploymentException.class).hasMessageContaining("is not a directory");
        assertThatThrownBy(() -> ProvidedLib.list(List.of(root.resolve("missing").toUri().toString()), new Configuration()))
                .isInstanceOf(ClusterDeploymentException.class)
                .hasMessageContaining("missing (yarn.provided.lib.dirs) does not exist");
    }

    private Path directory(String name, FileTime modified, String... files) throws Exception {
        Path directory = Files.createDirectory(root.resolve(name));
        for (String file : files) {
            Files.setLastModifiedTime(Files.writeString(directory.resolve(file), file), EARLIER);
        }
        Files.setLastModifiedTime(directory, modified);
        return directory;
    }

    private static ProvidedLib.Directory single(Path lib) throws Exception {
        return ProvidedLib.list(List.of(lib.toUri().toString()), new Configuration()).directories().get(0);
    }
}
