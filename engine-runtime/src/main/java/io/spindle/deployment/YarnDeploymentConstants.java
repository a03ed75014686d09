package io.spindle.deployment;

/**
 * What the YARN client and the ApplicationMaster agree on: entry point class names, the
 * environment variables the client sets on the AM's container, and the names of shipped files.
 * The two modules share nothing else.
 */
public final class YarnDeploymentConstants {
    private YarnDeploymentConstants() {}

    /** Main class of the AM of a session cluster. */
    public static final String SESSION_ENTRYPOINT = "io.spindle.yarn.appmaster.YarnSessionClusterEntrypoint";
    /** Main class of the AM of a per-job cluster; it runs the JobGraph in {@link #JOB_GRAPH_FILE}. */
    public static final String PER_JOB_ENTRYPOINT = "io.spindle.yarn.appmaster.YarnJobClusterEntrypoint";
    /** Main class of the AM of an application cluster; it runs the user's main(). */
    public static final String APPLICATION_ENTRYPOINT = "io.spindle.yarn.appmaster.YarnApplicationClusterEntrypoint";
    /**
     * What every Spindle container runs first: it writes the files of {@link #ENV_INLINE_FILES} and
     * {@link #ENV_INLINE_AM_FILES} into the working directory, then calls the main class named by
     * its first argument.
     */
    public static final String CONTAINER_BOOTSTRAP = "io.spindle.deployment.ContainerBootstrap";
    /** Main class of a TaskManager in a YARN container. */
    public static final String TASK_MANAGER_RUNNER = "io.spindle.yarn.appmaster.YarnTaskManagerRunner";

    /** The application's staging directory (a FileSystem URI), deleted by the AM when the cluster ends. */
    public static final String ENV_STAGING_DIR = "_SPINDLE_STAGING_DIR";
    /**
     * The shipped files the AM registers again for each TaskManager container: entries
     * {@code name|uri|size|modificationTime|visibility} separated by {@code ;}.
     */
    public static final String ENV_SHIPPED_FILES = "_SPINDLE_SHIPPED_FILES";
    /** Small files of every container (configuration), encoded by {@link InlineFiles}. */
    public static final String ENV_INLINE_FILES = "_SPINDLE_INLINE_FILES";
    /** Small files of the AM only (a per-job cluster's JobGraph), encoded by {@link InlineFiles}. */
    public static final String ENV_INLINE_AM_FILES = "_SPINDLE_INLINE_AM_FILES";
    /** The class path inside a container, relative to its working directory ({@code :}-separated). */
    public static final String ENV_CLASSPATH = "_SPINDLE_CLASSPATH";
    /** {@code -D} overrides given to the client, as {@code key=value} lines, applied over the shipped configuration. */
    public static final String ENV_DYNAMIC_PROPERTIES = "_SPINDLE_DYNAMIC_PROPERTIES";
    /** Application mode: the user jar's file name in the container, its entry class and its program arguments. */
    public static final String ENV_APPLICATION_JAR = "_SPINDLE_APPLICATION_JAR";
    public static final String ENV_APPLICATION_CLASS = "_SPINDLE_APPLICATION_CLASS";
    /** Program arguments, encoded by {@link ProgramArguments}. */
    public static final String ENV_APPLICATION_ARGS = "_SPINDLE_APPLICATION_ARGS";
    /**
     * Names the nodes' class-data archives ({@link ClassDataArchive}); set only when Spindle's jars
     * come from {@code yarn.provided.lib.dirs}, derived from their names, sizes and modification times.
     */
    public static final String ENV_CLASS_DATA_KEY = "_SPINDLE_CLASS_DATA_KEY";
    /** Address ({@code host:port}) of the JobManager's RPC service, set by the AM on TaskManager containers. */
    public static final String ENV_JOB_MANAGER_ADDRESS = "_SPINDLE_JOB_MANAGER_ADDRESS";

    /** The serialized JobGraph of a per-job cluster, in the container's working directory. */
    public static final String JOB_GRAPH_FILE = "job.graph";
    /**
     * In a session's staging directory: {@code jobs/<job id>/} holds a job's cached files, shipped
     * by the client; the AM deletes it when the job ends.
     */
    public static final String SESSION_JOB_FILES_DIRECTORY = "jobs";
    /** The shipped configuration file, in the container's working directory. */
    public static final String CONFIGURATION_FILE = "spindle-conf.yaml";
    public static final String JOB_MANAGER_LOG_CONFIG = "log4j2-jobmanager.xml";
    public static final String TASK_MANAGER_LOG_CONFIG = "log4j2-taskmanager.xml";
    /** The application type YARN lists for Spindle clusters (default of {@code yarn.application.type}). */
    public static final String APPLICATION_TYPE = "Spindle";
}
