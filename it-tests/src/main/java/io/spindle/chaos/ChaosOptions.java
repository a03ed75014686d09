package io.spindle.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The flags of {@code scripts/chaos.sh}. Faults: {@code --tm-kills --am-kills --zk-expiries
 * --zk-restarts --namenode-restarts --tm-pauses} (counts), {@code --seed}. The built-in job:
 * {@code --records --keys --window-ms --rate --parallelism --slots --spare-taskmanagers}. A user's job instead:
 * {@code --job <jar> --class <main> [--verify <command>] [-- <job arguments>]}.
 */
final class ChaosOptions {
    /** Thrown for a flag that is unknown, lacks its value or has a wrong one; the message says which. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    final Map<FaultKind, Integer> faults = new EnumMap<>(FaultKind.class);
    long seed = System.nanoTime();
    long records = 1_000_000;
    long keys = 16;
    long windowMillis = 1_000;
    /** Numbers a second per source instance; 0 until chosen from the faults' expected length. */
    long rate;
    int parallelism = 4;
    int slots = 2;
    /** TaskManagers kept beyond what the job uses, so that a lost one's tasks restart without waiting for a container. */
    int spareTaskManagers = 1;
    Duration checkpointInterval = Duration.ofSeconds(1);
    /** How long a paused TaskManager stays stopped: past the heartbeat timeout. */
    Duration pauseLength = Duration.ofSeconds(9);
    Duration heartbeatTimeout = Duration.ofSeconds(6);
    /** The most a fault may take until records flow again; past it the fault counts as unrecovered. */
    Duration recoveryTimeout = Duration.ofSeconds(120);
    String jobJar;
    String jobClass;
    String verifyCommand;
    final List<String> jobArguments = new ArrayList<>();

    static ChaosOptions parse(String[] args) throws UsageException {
        ChaosOptions options = new ChaosOptions();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--")) {
                options.jobArguments.addAll(List.of(args).subList(i + 1, args.length));
                break;
            }
            if (!flag.startsWith("--") || i + 1 >= args.length) {
                throw new UsageException(flag.startsWith("--") ? flag + " needs a value" : "unexpected argument '" + flag
                        + "': job arguments go after '--'");
            }
            String value = args[++i];
            FaultKind kind = FaultKind.ofFlag(flag.substring(2));
            if (kind != null) {
                options.faults.put(kind, count(flag, value));
                continue;
            }
            switch (flag) {
                case "--seed" -> options.seed = number(flag, value);
                case "--records" -> options.records = positive(flag, value);
                case "--keys" -> options.keys = positive(flag, value);
                case "--window-ms" -> options.windowMillis = positive(flag, value);
                case "--rate" -> options.rate = positive(flag, value);
                case "--parallelism" -> options.parallelism = Math.toIntExact(positive(flag, value));
                case "--slots" -> options.slots = Math.toIntExact(positive(flag, value));
                case "--spare-taskmanagers" -> options.spareTaskManagers = count(flag, value);
                case "--checkpoint-interval-ms" -> options.checkpointInterval = Duration.ofMillis(positive(flag, value));
                case "--pause-ms" -> options.pauseLength = Duration.ofMillis(positive(flag, value));
                case "--recovery-timeout-s" -> options.recoveryTimeout = Duration.ofSeconds(positive(flag, value));
                case "--job" -> options.jobJar = value;
                case "--class" -> options.jobClass = value;
                case "--verify" -> options.verifyCommand = value;
                default -> throw new UsageException("unknown flag " + flag);
            }
        }
        if ((options.jobJar == null) != (options.jobClass == null)) {
            throw new UsageException("--job and --class go together: the jar of your job and its main class");
        }
        if (options.jobJar == null && (options.verifyCommand != null || !options.jobArguments.isEmpty())) {
            throw new UsageException("--verify and job arguments are for your own job (--job and --class)");
        }
        if (options.pauseLength.compareTo(options.heartbeatTimeout) <= 0) {
            throw new UsageException("--pause-ms must be longer than the heartbeat timeout ("
                    + options.heartbeatTimeout.toMillis() + " ms), or a paused TaskManager is no fault");
        }
        return options;
    }

    /** The TaskManagers of a cluster at full strength: those the job fills, and the spares. */
    int taskManagers() {
        return (parallelism + slots - 1) / slots + spareTaskManagers;
    }

    boolean builtInJob() {
        return jobJar == null;
    }

    int totalFaults() {
        return faults.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static int count(String flag, String value) throws UsageException {
        long count = number(flag, value);
        if (count < 0 || count > 10_000) {
            throw new UsageException(flag + " takes a count from 0 to 10000, not " + value);
        }
        return (int) count;
    }

    private static long positive(String flag, String value) throws UsageException {
        long number = number(flag, value);
        if (number <= 0) {
            throw new UsageException(flag + " must be above 0, not " + value);
        }
        return number;
    }

    private static long number(String flag, String value) throws UsageException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " takes a whole number, not '" + value + "'");
        }
    }
}
