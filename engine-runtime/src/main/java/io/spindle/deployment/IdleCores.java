package io.spindle.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * How many of the node's cores were idle over a short interval, from Linux's {@code /proc/stat}.
 * Background work that must not slow anyone down waits for an idle core: {@code nice} does not
 * help across YARN containers, as each runs in a session of its own and Linux's autogroups share
 * the CPU between sessions whatever their processes' nice values.
 */
final class IdleCores {
    private static final Path PROC_STAT = Path.of("/proc/stat");

    private IdleCores() {}

    /** The idle cores over {@code interval}; empty where {@code /proc/stat} cannot be read. */
    static OptionalDouble measure(Duration interval) throws InterruptedException {
        try {
            String first = Files.readString(PROC_STAT);
            Thread.sleep(interval.toMillis());
            // The node's cores, not availableProcessors(): a container's CPU quota may limit that.
            return OptionalDouble.of(idleCores(totals(first), totals(Files.readString(PROC_STAT)), cores(first)));
        } catch (IOException | RuntimeException unreadable) {
            return OptionalDouble.empty();
        }
    }

    /** The cores listed in {@code /proc/stat}, one {@code cpuN} line each. */
    static int cores(String procStat) {
        return (int) procStat.lines().filter(line -> line.startsWith("cpu") && Character.isDigit(line.charAt(3))).count();
    }

    /** Of two readings of {@link #totals}: the share of time idle, in cores. */
    static double idleCores(long[] before, long[] after, int cores) {
        long total = after[0] - before[0];
        return total <= 0 ? 0 : cores * (double) (after[1] - before[1]) / total;
    }

    /**
     * All jiffies and the idle ones (idle and iowait) of the first line of {@code /proc/stat}:
     * user, nice, system, idle, iowait, irq, softirq, steal (guest time is part of user already).
     */
    static long[] totals(String procStat) {
        String[] fields = procStat.substring(0, procStat.indexOf('\n')).trim().split("\\s+");
        if (!fields[0].equals("cpu")) {
            throw new IllegalArgumentException("not a /proc/stat: " + fields[0]);
        }
        long total = 0;
        for (int i = 1; i < Math.min(fields.length, 9); i++) {
            total += Long.parseLong(fields[i]);
        }
        return new long[] {total, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
    }
}
