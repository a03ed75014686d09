package io.spindle.client.cli;

import io.spindle.client.rest.JobDetails;
import io.spindle.client.rest.JobExceptions;
import io.spindle.client.rest.LatestCheckpoint;
import io.spindle.client.rest.JobOverview;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;

/** How the CLI prints jobs: the sections of {@code list} and the state or details of {@code status}. */
final class JobReports {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private static final String RULE = "--------------------------------------------------------------";

    private JobReports() {}

    /** Which sections {@code list} prints, from its flags as Flink's: no flag means running and scheduled. */
    record ListSelection(boolean running, boolean scheduled, boolean terminated) {
        static ListSelection of(boolean runningFlag, boolean scheduledFlag, boolean allFlag) {
            if (allFlag) {
                return new ListSelection(true, true, true);
            }
            if (!runningFlag && !scheduledFlag) {
                return new ListSelection(true, true, false);
            }
            return new ListSelection(runningFlag, scheduledFlag, false);
        }
    }

    /** Running jobs, then scheduled (CREATED) ones, then the ended ones, as selected; each by start time. */
    static void printList(List<JobOverview> jobs, ListSelection selection, PrintStream out) {
        List<JobOverview> sorted = jobs.stream().sorted(Comparator.comparingLong(JobOverview::startTime)).toList();
        if (selection.running()) {
            printSection("Running/Restarting Jobs", "No running jobs.",
                    sorted.stream().filter(job -> !job.isTerminal() && !"CREATED".equals(job.state())).toList(), out);
        }
        if (selection.scheduled()) {
            printSection("Scheduled Jobs", "No scheduled jobs.",
                    sorted.stream().filter(job -> "CREATED".equals(job.state())).toList(), out);
        }
        if (selection.terminated()) {
            printSection("Terminated Jobs", "No terminated jobs.",
                    sorted.stream().filter(JobOverview::isTerminal).toList(), out);
        }
    }

    private static void printSection(String title, String whenEmpty, List<JobOverview> jobs, PrintStream out) {
        if (jobs.isEmpty()) {
            out.println(whenEmpty);
            return;
        }
        String heading = " " + title + " ";
        int left = (RULE.length() - heading.length()) / 2;
        out.println(RULE.substring(0, left) + heading + RULE.substring(0, RULE.length() - left - heading.length()));
        for (JobOverview job : jobs) {
            out.println(time(job.startTime()) + " : " + job.jobId() + " : " + job.name() + " (" + job.state() + ")");
        }
        out.println(RULE);
    }

    static void printStatus(JobDetails job, PrintStream out) {
        out.println("Job " + job.jobId() + " (" + job.name() + ") is " + job.state());
    }

    /** {@code exceptions} is printed for a failed job and may be null otherwise. */
    static void printDetails(JobDetails job, JobExceptions exceptions, PrintStream out) {
        out.println("Job " + job.jobId() + " (" + job.name() + ")");
        out.println("State: " + job.state());
        out.println("Start time: " + time(job.startTime()));
        if (job.endTime() >= 0) {
            out.println("End time: " + time(job.endTime()));
        }
        out.println("Duration: " + job.duration() + " ms");
        out.println("Vertices:");
        for (JobDetails.Vertex vertex : job.vertices()) {
            out.println("  " + vertex.id() + " " + vertex.name() + " : parallelism " + vertex.parallelism()
                    + " (max " + vertex.maxParallelism() + ") : " + vertex.status());
            for (JobDetails.Subtask subtask : vertex.subtasks()) {
                out.println("    subtask " + subtask.subtask() + " attempt " + subtask.attempt() + " : "
                        + subtask.status() + " on " + subtask.taskManagerId() + " (" + subtask.host() + ")");
            }
        }
        if (exceptions != null && exceptions.rootException() != null) {
            out.println("Root exception:");
            out.println(exceptions.rootException());
        }
    }

    /** The job's last completed checkpoint; nothing for a job without checkpoints (null). */
    static void printCheckpoints(LatestCheckpoint checkpoints, PrintStream out) {
        if (checkpoints == null) {
            return;
        }
        if (checkpoints.latestId() < 0) {
            out.println("Checkpoints: none completed yet (" + checkpoints.failed() + " failed)");
        } else {
            out.println("Last checkpoint: " + checkpoints.latestId() + " at " + time(checkpoints.latestCompletionTime())
                    + ", " + checkpoints.latestPath() + " (" + checkpoints.completed() + " completed, "
                    + checkpoints.failed() + " failed)");
        }
    }

    private static String time(long epochMillis) {
        return epochMillis < 0 ? "-" : TIME.format(Instant.ofEpochMilli(epochMillis));
    }
}
