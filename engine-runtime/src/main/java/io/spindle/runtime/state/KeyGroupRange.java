package io.spindle.runtime.state;

/**
 * The contiguous, inclusive range of key groups that one parallel instance of a keyed operator
 * owns. Keyed state is stored per key group of this range so that it can be snapshotted and
 * handed to other instances per key group when a job is rescaled.
 */
public record KeyGroupRange(int firstKeyGroup, int lastKeyGroup) {

    public KeyGroupRange {
        if (firstKeyGroup < 0 || lastKeyGroup < firstKeyGroup) {
            throw new IllegalArgumentException("invalid key-group range [" + firstKeyGroup + ", " + lastKeyGroup + "]");
        }
    }

    /** The range owned by subtask {@code subtaskIndex} of {@code parallelism} subtasks. */
    public static KeyGroupRange forSubtask(int maxParallelism, int parallelism, int subtaskIndex) {
        if (parallelism <= 0 || maxParallelism < parallelism) {
            throw new IllegalArgumentException("max parallelism (" + maxParallelism
                    + ") must be at least the parallelism (" + parallelism + "), which must be positive");
        }
        if (subtaskIndex < 0 || subtaskIndex >= parallelism) {
            throw new IllegalArgumentException("subtask index " + subtaskIndex + " is outside [0, " + parallelism + ")");
        }
        return new KeyGroupRange(
                KeyGroupRangeAssignment.firstKeyGroup(maxParallelism, parallelism, subtaskIndex),
                KeyGroupRangeAssignment.lastKeyGroup(maxParallelism, parallelism, subtaskIndex));
    }

    public boolean contains(int keyGroup) {
        return keyGroup >= firstKeyGroup && keyGroup <= lastKeyGroup;
    }

    public int size() {
        return lastKeyGroup - firstKeyGroup + 1;
    }
}
