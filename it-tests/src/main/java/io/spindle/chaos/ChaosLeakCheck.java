package io.spindle.chaos;

import io.spindle.it.leaks.ClusterLeaks;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * The leak check of a chaos run, the same checks as the integration tests' but on the run's own
 * things: its application ended, no container process of it is alive, and nothing is left in
 * its staging directory, HA storage, checkpoint directory or ZooKeeper root.
 */
final class ChaosLeakCheck {
    private final YarnConfiguration configuration;
    private final SandboxControl sandbox;
    private final String quorum;

    ChaosLeakCheck(YarnConfiguration configuration, SandboxControl sandbox, String quorum) {
        this.configuration = configuration;
        this.sandbox = sandbox;
        this.quorum = quorum;
    }

    List<String> leaks(ChaosLayout layout, String applicationId) throws Exception {
        ClusterLeaks leaks = new ClusterLeaks();
        try (FileSystem fs = FileSystem.newInstance(configuration)) {
            leaks.files(fs, new Path(fs.getHomeDirectory(), ".spindle/" + applicationId), "staging");
            leaks.files(fs, new Path(layout.haStorage()), "HA storage");
            leaks.files(fs, new Path(layout.checkpoints()), "checkpoints");
        }
        leaks.znodes(quorum, layout.zooKeeperRoot());
        List<String> found = new ArrayList<>(leaks.leaks());
        for (SandboxControl.Container container : sandbox.containers(applicationId, null)) {
            found.add("container " + container.id() + " (" + container.role() + ", pid " + container.pid() + ") still runs");
        }
        return found;
    }
}
