package io.spindle.sandbox;

import java.util.Arrays;

/** The signals a chaos run sends to a container's JVM: kill it, freeze it, let it go on. */
public enum ContainerSignal {
    /** SIGKILL: the JVM dies at once, as on a machine crash or the kernel's OOM killer. */
    KILL,
    /** SIGSTOP: the JVM freezes, as in a long GC pause or a stalled machine. */
    STOP,
    /** SIGCONT: a frozen JVM runs again. */
    CONT;

    /** The signal of that name ({@code KILL}, {@code STOP} or {@code CONT}, any case). */
    public static ContainerSignal parse(String name) {
        return Arrays.stream(values())
                .filter(signal -> signal.name().equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown signal '" + name + "': use KILL, STOP or CONT"));
    }
}
