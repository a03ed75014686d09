package io.spindle.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.net.NetUtils;
import org.apache.hadoop.yarn.api.protocolrecords.GetNewApplicationResponse;
import org.apache.hadoop.yarn.api.records.NodeReport;
import org.apache.hadoop.yarn.api.records.NodeState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalHadoopSandboxTest {

    @TempDir
    Path home;

    @Test
    void servesYarnHdfsAndZooKeeperThroughTheWrittenConfDirAndReleasesEverythingOnClose() throws Exception {
        SandboxLayout layout = new SandboxLayout(home);
        List<InetSocketAddress> serviceAddresses;
        try (LocalHadoopSandbox sandbox = LocalHadoopSandbox.start(home)) {
            assertThat(layout.readyMarker()).exists();
            Path confDir = sandbox.confDir();
            assertThat(confDir.resolve("core-site.xml")).exists();
            assertThat(confDir.resolve("hdfs-site.xml")).exists();
            assertThat(confDir.resolve("yarn-site.xml")).exists();

            Configuration conf = clientConfiguration(confDir);
            assertThat(conf.get("fs.defaultFS")).isEqualTo(sandbox.hdfsUri().toString());
            assertThat(conf.get(YarnConfiguration.YARN_APPLICATION_CLASSPATH)).isEqualTo(confDir.toString());
            checkYarn(conf);
            checkHdfs(conf);
            String quorum = readZooKeeperQuorum(confDir);
            assertThat(quorum).isEqualTo(sandbox.zooKeeperQuorum());
            checkZooKeeper(quorum);

            serviceAddresses = List.of(
                    NetUtils.createSocketAddr(conf.get(YarnConfiguration.RM_ADDRESS)),
                    NetUtils.createSocketAddr(conf.get(YarnConfiguration.RM_SCHEDULER_ADDRESS)),
                    new InetSocketAddress(sandbox.hdfsUri().getHost(), sandbox.hdfsUri().getPort()),
                    NetUtils.createSocketAddr(quorum));
        }

        assertThat(layout.readyMarker()).doesNotExist();
        for (InetSocketAddress address : serviceAddresses) {
            assertPortIsFree(address);
        }
    }

    private static Configuration clientConfiguration(Path confDir) {
        Configuration conf = new Configuration(false);
        for (String file : new String[] {"core-site.xml", "hdfs-site.xml", "yarn-site.xml"}) {
            conf.addResource(new org.apache.hadoop.fs.Path(confDir.resolve(file).toUri()));
        }
        return new YarnConfiguration(conf);
    }

    private static void checkYarn(Configuration conf) throws Exception {
        try (YarnClient yarn = YarnClient.createYarnClient()) {
            yarn.init(conf);
            yarn.start();
            List<NodeReport> nodes = yarn.getNodeReports(NodeState.RUNNING);
            assertThat(nodes).hasSize(2);
            assertThat(nodes).allSatisfy(node -> assertThat(node.getCapability().getMemorySize()).isEqualTo(4096));
            assertThat(yarn.getQueueInfo("default")).isNotNull();
            GetNewApplicationResponse newApp = yarn.createApplication().getNewApplicationResponse();
            assertThat(newApp.getMaximumResourceCapability().getMemorySize()).isEqualTo(4096);
            assertThat(newApp.getMaximumResourceCapability().getVirtualCores()).isEqualTo(4);
        }
    }

    private static void checkHdfs(Configuration conf) throws IOException {
        byte[] content = "written through the sandbox conf dir".getBytes(StandardCharsets.UTF_8);
        try (FileSystem fs = FileSystem.newInstance(conf)) {
            assertThat(fs.getUri().getScheme()).isEqualTo("hdfs");
            org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path("/sandbox-test/file.txt");
            try (OutputStream out = fs.create(file)) {
                out.write(content);
            }
            try (InputStream in = fs.open(file)) {
                assertThat(in.readAllBytes()).isEqualTo(content);
            }
        }
    }

    private static String readZooKeeperQuorum(Path confDir) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(confDir.resolve("zookeeper.properties"))) {
            properties.load(in);
        }
        return properties.getProperty(LocalHadoopSandbox.ZOOKEEPER_QUORUM_KEY);
    }

    private static void checkZooKeeper(String quorum) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zooKeeper = new ZooKeeper(quorum, 10_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        try {
            assertThat(connected.await(10, TimeUnit.SECONDS)).as("connected to ZooKeeper at %s", quorum).isTrue();
            byte[] data = {1, 2, 3};
            zooKeeper.create("/sandbox-test", data, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            assertThat(zooKeeper.getData("/sandbox-test", false, null)).isEqualTo(data);
        } finally {
            zooKeeper.close();
        }
    }

    private static void assertPortIsFree(InetSocketAddress address) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(address.getHostString()), address.getPort()));
        }
    }
}
