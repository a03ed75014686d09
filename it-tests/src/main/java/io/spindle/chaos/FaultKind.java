package io.spindle.chaos;

/**
 * The faults a chaos run injects, each with the flag that sets how many, and whether the job
 * must restart from a checkpoint to get over it (so that records flowing again means records
 * from a new attempt) or may ride it out.
 */
enum FaultKind {
    TASK_MANAGER_KILL("tm-kills", "TaskManager kill -9", true),
    APPLICATION_MASTER_KILL("am-kills", "ApplicationMaster kill -9", true),
    ZOOKEEPER_SESSION_EXPIRY("zk-expiries", "leader's ZooKeeper session expiry", true),
    ZOOKEEPER_RESTART("zk-restarts", "ZooKeeper server restart", false),
    NAMENODE_RESTART("namenode-restarts", "NameNode restart", false),
    TASK_MANAGER_PAUSE("tm-pauses", "TaskManager SIGSTOP past the heartbeat timeout", true);

    private final String flag;
    private final String description;
    private final boolean restartsJob;

    FaultKind(String flag, String description, boolean restartsJob) {
        this.flag = flag;
        this.description = description;
        this.restartsJob = restartsJob;
    }

    /** The command-line flag without its dashes, e.g. {@code tm-kills}. */
    String flag() {
        return flag;
    }

    String description() {
        return description;
    }

    /**
     * True when the job cannot ride the fault out: its tasks die or its JobManager loses
     * leadership, so only a restored attempt's records count as flowing again.
     */
    boolean restartsJob() {
        return restartsJob;
    }

    static FaultKind ofFlag(String flag) {
        for (FaultKind kind : values()) {
            if (kind.flag.equals(flag)) {
                return kind;
            }
        }
        return null;
    }
}
