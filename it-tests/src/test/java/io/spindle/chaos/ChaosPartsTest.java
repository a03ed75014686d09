package io.spindle.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The chaos runner's pure parts: flags, the fault schedule, recovery figures, progress and the output check. */
class ChaosPartsTest {

    @Test
    void theScheduleHoldsEveryFaultAskedForAndTheSameSeedGivesTheSameOrder() {
        Map<FaultKind, Integer> counts = Map.of(FaultKind.TASK_MANAGER_KILL, 5, FaultKind.NAMENODE_RESTART, 2,
                FaultKind.TASK_MANAGER_PAUSE, 1);
        List<FaultKind> first = FaultSchedule.of(counts, 42);
        assertThat(first).hasSize(8);
        assertThat(Collections.frequency(first, FaultKind.TASK_MANAGER_KILL)).isEqualTo(5);
        assertThat(Collections.frequency(first, FaultKind.NAMENODE_RESTART)).isEqualTo(2);
        assertThat(FaultSchedule.of(counts, 42)).isEqualTo(first);
        boolean anotherOrder = false;
        for (long seed = 0; seed < 20 && !anotherOrder; seed++) {
            anotherOrder = !FaultSchedule.of(counts, seed).equals(first);
        }
        assertThat(anotherOrder).as("another seed, another order").isTrue();
    }

    @Test
    void flagsAreParsedAndWrongOnesAreNamed() throws Exception {
        ChaosOptions options = ChaosOptions.parse(new String[] {"--tm-kills", "3", "--zk-expiries", "1", "--seed", "7",
                "--records", "5000"});
        assertThat(options.faults).containsEntry(FaultKind.TASK_MANAGER_KILL, 3).containsEntry(FaultKind.ZOOKEEPER_SESSION_EXPIRY, 1);
        assertThat(options.totalFaults()).isEqualTo(4);
        assertThat(options.seed).isEqualTo(7);
        assertThat(options.builtInJob()).isTrue();

        ChaosOptions user = ChaosOptions.parse(new String[] {"--job", "my.jar", "--class", "my.Main", "--verify", "check.sh",
                "--", "--input", "x"});
        assertThat(user.builtInJob()).isFalse();
        assertThat(user.jobArguments).containsExactly("--input", "x");

        assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--tm-kill", "3"})).hasMessageContaining("unknown flag --tm-kill");
        assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--tm-kills"})).hasMessageContaining("--tm-kills needs a value");
        assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--am-kills", "two"})).hasMessageContaining("whole number");
        assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--job", "my.jar"})).hasMessageContaining("--class");
        assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--verify", "x"})).hasMessageContaining("your own job");
        assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--pause-ms", "1000"})).hasMessageContaining("heartbeat timeout");
    }

    @Test
    void recoveryFiguresAreTheMedianNinetyFifthPercentileAndMaximumPerKind() {
        RecoveryTimes times = new RecoveryTimes();
        for (int seconds : new int[] {5, 1, 3, 2, 4}) {
            times.recovered(FaultKind.TASK_MANAGER_KILL, Duration.ofSeconds(seconds));
        }
        times.unrecovered(FaultKind.APPLICATION_MASTER_KILL);
        assertThat(times.median(FaultKind.TASK_MANAGER_KILL)).isEqualTo(Duration.ofSeconds(3));
        assertThat(times.injected()).isEqualTo(6);
        assertThat(times.line(FaultKind.TASK_MANAGER_KILL))
                .contains("5 faults", "median 3.00 s", "p95 5.00 s", "max 5.00 s");
        assertThat(times.line(FaultKind.APPLICATION_MASTER_KILL)).contains("1 faults", "1 without records flowing again");
        assertThat(times.median(FaultKind.NAMENODE_RESTART)).isNull();
    }

    @Test
    void recordsFlowAgainOnlyWhenEverySubtaskReportedSinceTheFaultFromANewAttemptIfOneIsNeeded() throws Exception {
        AtomicLong clock = new AtomicLong(1_000);
        try (ProgressListener listener = new ProgressListener(clock::get)) {
            int port = Integer.parseInt(listener.address().substring(listener.address().lastIndexOf(':') + 1));
            try (Socket first = report(port, 0); Socket second = report(port, 1)) {
                awaitFlowing(listener, 999, false);
                assertThat(listener.flowingSince(500, 2, false)).isTrue();
                assertThat(listener.flowingSince(500, 3, false)).as("a third subtask never reported").isFalse();
                clock.set(5_000);
                assertThat(listener.flowingSince(4_000, 2, false)).as("nothing reported since").isFalse();
                sendCount(first, 10);
                sendCount(second, 10);
                awaitFlowing(listener, 4_000, false);
                assertThat(listener.flowingSince(4_000, 2, true)).as("old attempts do not count after a restart").isFalse();
                clock.set(6_000);
                try (Socket restarted = report(port, 0); Socket restartedToo = report(port, 1)) {
                    awaitFlowing(listener, 5_500, true);
                }
            }
        }
    }

    private static Socket report(int port, int subtask) throws Exception {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeInt(subtask);
        out.writeLong(1);
        out.flush();
        return socket;
    }

    private static void sendCount(Socket socket, long count) throws Exception {
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeLong(count);
        out.flush();
    }

    private static void awaitFlowing(ProgressListener listener, long since, boolean newAttempts) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!listener.flowingSince(since, 2, newAttempts)) {
            assertThat(System.nanoTime()).as("records flowing since " + since).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void theOutputCheckCountsLostAndDuplicatedRecordsAndNamesWrongWindows() {
        VerifyingJobCheck check = new VerifyingJobCheck(20, 2, 10);
        List<String> counts = new ArrayList<>();
        long[] perKey = new long[2];
        for (long value = 1; value <= 20; value++) {
            counts.add((value % 2) + "," + value + "," + ++perKey[(int) (value % 2)]);
        }
        List<String> windows = new ArrayList<>(List.of("1,1,5,25", "0,2,4,20", "1,11,5,75", "0,10,5,70", "0,20,1,20"));
        assertThat(check.check(counts, windows).exact()).isTrue();

        List<String> lostOne = new ArrayList<>(counts);
        lostOne.remove(4);
        List<String> duplicatedTwo = new ArrayList<>(counts);
        duplicatedTwo.add(counts.get(0));
        duplicatedTwo.add(counts.get(1));
        assertThat(check.check(lostOne, windows).summary()).isEqualTo("WRONG (1 lost, 0 duplicated)");
        VerifyingJobCheck.Outcome duplicated = check.check(duplicatedTwo, windows);
        assertThat(duplicated.summary()).isEqualTo("WRONG (0 lost, 2 duplicated)");
        assertThat(duplicated.problems()).anyMatch(problem -> problem.contains("running counts"));

        List<String> wrongWindow = new ArrayList<>(windows);
        wrongWindow.set(0, "1,1,5,26");
        wrongWindow.add("0,20,1,20");
        VerifyingJobCheck.Outcome windowsWrong = check.check(counts, wrongWindow);
        assertThat(windowsWrong.exact()).isFalse();
        assertThat(windowsWrong.problems()).anyMatch(problem -> problem.contains("window 1@0 has count 5 and sum 26"))
                .anyMatch(problem -> problem.contains("window 0@20 was committed more than once"));
        assertThat(check.check(counts, windows.subList(1, 5)).problems()).anyMatch(problem -> problem.contains("1@0 is missing"));
    }
}
