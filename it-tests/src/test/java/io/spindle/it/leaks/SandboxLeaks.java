package io.spindle.it.leaks;

import io.spindle.sandbox.LocalHadoopSandbox;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/** {@link ClusterLeaks} of an in-process {@link LocalHadoopSandbox}, for the test fixtures that start one. */
public final class SandboxLeaks {
    private SandboxLeaks() {}

    /** The sandbox's own checks: its YARN applications, staging, {@code /ha}, {@code /checkpoints} and {@code /spindle}. */
    public static ClusterLeaks ofSandbox(LocalHadoopSandbox sandbox) throws Exception {
        YarnConfiguration configuration = new YarnConfiguration();
        for (String site : List.of("core-site.xml", "hdfs-site.xml", "yarn-site.xml")) {
            configuration.addResource(new Path(sandbox.confDir().resolve(site).toUri()));
        }
        ClusterLeaks leaks = new ClusterLeaks();
        try (YarnClient yarn = YarnClient.createYarnClient()) {
            yarn.init(configuration);
            yarn.start();
            leaks.yarnApplications(yarn);
        }
        FileSystem fs = FileSystem.newInstance(configuration);
        try {
            leaks.files(fs, new Path(fs.getHomeDirectory(), ".spindle"), "staging");
            leaks.files(fs, new Path("/ha"), "HA storage");
            leaks.files(fs, new Path("/checkpoints"), "checkpoints");
        } finally {
            fs.close();
        }
        leaks.znodes(sandboxQuorum(sandbox), "/spindle");
        return leaks;
    }

    /**
     * Checks the sandbox for leaks, stops it either way, then fails with what was left. For a
     * test's {@code @AfterAll}.
     */
    public static void closeChecked(LocalHadoopSandbox sandbox, String owner) throws Exception {
        ClusterLeaks leaks;
        try {
            leaks = ofSandbox(sandbox);
        } finally {
            sandbox.close();
        }
        leaks.assertNone(owner);
    }

    private static String sandboxQuorum(LocalHadoopSandbox sandbox) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(sandbox.confDir().resolve("zookeeper.properties"))) {
            properties.load(in);
        }
        return properties.getProperty(LocalHadoopSandbox.ZOOKEEPER_QUORUM_KEY);
    }
}
