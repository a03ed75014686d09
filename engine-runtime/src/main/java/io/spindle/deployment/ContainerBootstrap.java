package io.spindle.deployment;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The first class of every Spindle container: writes the files that travelled in the environment
 * ({@link InlineFiles}) into the working directory, then runs the main class given as the first
 * argument with the remaining arguments.
 *
 * <p>It must not log: the logging configuration is one of the files it writes, and Log4j reads
 * its configuration once, when the first logger is created.
 */
public final class ContainerBootstrap {
    private ContainerBootstrap() {}

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("Usage: ContainerBootstrap <main class> [arguments]");
            System.exit(2);
        }
        Path workingDirectory = Path.of("").toAbsolutePath();
        try {
            InlineFiles.materialize(System.getenv(YarnDeploymentConstants.ENV_INLINE_FILES), workingDirectory);
            InlineFiles.materialize(System.getenv(YarnDeploymentConstants.ENV_INLINE_AM_FILES), workingDirectory);
        } catch (Exception e) {
            System.err.println("Could not write the container's configuration files into " + workingDirectory + ": " + e);
            System.exit(1);
        }
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
