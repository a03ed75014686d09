package io.spindle.runtime.checkpoint;

import io.spindle.configuration.ConfigOption;
import io.spindle.configuration.ConfigOptions;

/** Where a job starts its state from (a savepoint or retained checkpoint), with Flink 1.20's keys. */
public final class StateRecoveryOptions {
    private StateRecoveryOptions() {}

    /** Who owns the files of the savepoint a job starts from. */
    public enum ClaimMode { CLAIM, NO_CLAIM }

    public static final ConfigOption<String> PATH = ConfigOptions.stringOption(
            "execution.state-recovery.path", null,
            "A savepoint or retained checkpoint (its directory or its _metadata file) the job starts from; set by"
                    + " 'spindle run -s'. The deprecated execution.savepoint.path is read too, with a warning.")
            .withDeprecatedKeys("execution.savepoint.path");

    public static final ConfigOption<Boolean> IGNORE_UNCLAIMED_STATE = ConfigOptions.booleanOption(
            "execution.state-recovery.ignore-unclaimed-state", false,
            "Start even if the savepoint holds state of operators that are not in the job, dropping that state;"
                    + " set by 'spindle run -n'. The deprecated execution.savepoint.ignore-unclaimed-state is read"
                    + " too, with a warning.")
            .withDeprecatedKeys("execution.savepoint.ignore-unclaimed-state");

    public static final ConfigOption<ClaimMode> CLAIM_MODE = ConfigOptions.enumOption(
            "execution.state-recovery.claim-mode", ClaimMode.class, ClaimMode.NO_CLAIM,
            "NO_CLAIM never deletes the savepoint's files: the job's own checkpoints hold all its state. CLAIM hands"
                    + " the savepoint to the job like one of its checkpoints, deleted once a newer checkpoint subsumes"
                    + " it. Set by 'spindle run -rm'. The deprecated execution.savepoint-restore-mode is read too.")
            .withDeprecatedKeys("execution.savepoint-restore-mode");
}
