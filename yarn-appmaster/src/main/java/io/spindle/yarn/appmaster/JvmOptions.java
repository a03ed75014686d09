package io.spindle.yarn.appmaster;

import java.util.List;

/** JVM flags Spindle processes need on Java 17 (Netty and Hadoop reach into these packages). */
final class JvmOptions {
    private JvmOptions() {}

    static final List<String> ADD_OPENS = List.of(
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED");
}
