package io.spindle.yarn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.api.JobID;
import io.spindle.configuration.Configuration;
import io.spindle.configuration.CoreOptions;
import io.spindle.graph.JobGraph;
import io.spindle.graph.JobVertex;
import io.spindle.runtime.filecache.FileCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rewrite of {@code pipeline.cached-files}, with the local FileSystem standing in for HDFS. */
class CachedFileShipmentTest {
    @TempDir
    Path work;

    @Test
    void localFilesAndDirectoriesAreUploadedAndRenamedSharedOnesStay() throws Exception {
        Path lookup = Files.writeString(work.resolve("lookup.csv"), "1,one\n2,two\n");
        Path dictionary = Files.createDirectories(work.resolve("dictionary"));
        Files.writeString(Files.createDirectories(dictionary.resolve("nested")).resolve("words.txt"), "alpha\n");
        Path viaUri = Files.writeString(work.resolve("via-uri.txt"), "by URI");
        Map<String, String> registered = new LinkedHashMap<>();
        registered.put("lookup", lookup.toString());
        registered.put("shared", "hdfs://namenode:8020/data/shared.csv");
        registered.put("dictionary", dictionary.toString());
        registered.put("viaUri", viaUri.toUri().toString());
        JobGraph original = jobWithCachedFiles(registered);
        FileSystem fileSystem = FileSystem.getLocal(new org.apache.hadoop.conf.Configuration());
        org.apache.hadoop.fs.Path staging = new org.apache.hadoop.fs.Path(work.resolve("staging").toUri());

        Map<String, Path> local = CachedFileShipment.localFiles(original.getConfiguration());
        assertThat(local).containsOnlyKeys("lookup", "dictionary", "viaUri");
        assertThat(local.get("viaUri")).isEqualTo(viaUri);
        JobGraph shipped = CachedFileShipment.upload(original, local, fileSystem, staging);

        Map<String, String> rewritten = FileCache.parse(shipped.getConfiguration().get(CoreOptions.CACHED_FILES));
        Path stagingDir = work.resolve("staging");
        assertThat(rewritten).containsExactly(
                Map.entry("lookup", fileSystem.makeQualified(new org.apache.hadoop.fs.Path(staging, "lookup")).toString()),
                Map.entry("shared", "hdfs://namenode:8020/data/shared.csv"),
                Map.entry("dictionary", fileSystem.makeQualified(new org.apache.hadoop.fs.Path(staging, "dictionary")).toString()),
                Map.entry("viaUri", fileSystem.makeQualified(new org.apache.hadoop.fs.Path(staging, "viaUri")).toString()));
        assertThat(stagingDir.resolve("lookup")).hasContent("1,one\n2,two\n");
        assertThat(stagingDir.resolve("dictionary/nested/words.txt")).hasContent("alpha\n");
        assertThat(stagingDir.resolve("viaUri")).hasContent("by URI");
        // Everything else of the job is what was submitted; the original graph is unchanged.
        assertThat(shipped.getJobId()).isEqualTo(original.getJobId());
        assertThat(shipped.getVertices()).isEqualTo(original.getVertices());
        assertThat(shipped.getUserJars()).isEqualTo(original.getUserJars());
        assertThat(shipped.getConfiguration().getString("test.other")).isEqualTo("kept");
        assertThat(FileCache.parse(original.getConfiguration().get(CoreOptions.CACHED_FILES))).isEqualTo(registered);
    }

    @Test
    void relativePathsAreTakenFromTheClientsWorkingDirectory() throws Exception {
        Map<String, Path> local = CachedFileShipment.localFiles(
                jobWithCachedFiles(Map.of("relative", "data/table.csv")).getConfiguration());
        assertThat(local.get("relative")).isEqualTo(Path.of("data/table.csv").toAbsolutePath());
    }

    @Test
    void aJobWithoutLocalCachedFilesIsShippedAsItIs() throws Exception {
        JobGraph sharedOnly = jobWithCachedFiles(Map.of("shared", "hdfs://namenode:8020/data/shared.csv"));
        Map<String, Path> local = CachedFileShipment.localFiles(sharedOnly.getConfiguration());
        assertThat(local).isEmpty();
        assertThat(CachedFileShipment.upload(sharedOnly, local, null, null)).isSameAs(sharedOnly);
    }

    @Test
    void aMissingLocalFileIsNamedInTheError() throws Exception {
        Path missing = work.resolve("gone.csv");
        Map<String, Path> local = CachedFileShipment.localFiles(jobWithCachedFiles(Map.of("table", missing.toString()))
                .getConfiguration());
        assertThatThrownBy(() -> CachedFileShipment.checkExist(local))
                .isInstanceOf(ClusterDeploymentException.class)
                .hasMessageContainingAll("The cached file 'table'", missing.toString(), "does not exist on this machine");
    }

    static JobGraph jobWithCachedFiles(Map<String, String> pathsByName) {
        Configuration configuration = new Configuration()
                .setString(CoreOptions.CACHED_FILES.key(), FileCache.format(pathsByName))
                .setString("test.other", "kept");
        return new JobGraph(JobID.generate(), "cached files", List.of(new JobVertex(0, "source", 1, 1, true, new byte[0])),
                List.of(), configuration, List.of("job.jar"));
    }
}
