package io.spindle.api.connectors.filesink;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of one subtask's part files: final {@code <prefix>-<subtask>-<counter><suffix>},
 * in progress {@code .<final name>.inprogress.<uuid>}. The leading dot hides files that are not
 * committed from readers (Hadoop's convention, also {@code readTextFile}'s); the random uuid
 * keeps the in-progress files of two attempts apart even when they write the same counter.
 */
final class PartFileNames {
    private static final String IN_PROGRESS_MARKER = ".inprogress.";

    /** Subtask index and counter of an in-progress file of this sink, whatever the subtask. */
    record InProgressName(int subtaskIndex, long counter) {}

    private final String prefix;
    private final String suffix;
    private final int subtaskIndex;
    private final Pattern inProgressPattern;

    PartFileNames(String prefix, String suffix, int subtaskIndex) {
        this.prefix = prefix;
        this.suffix = suffix;
        this.subtaskIndex = subtaskIndex;
        // Bounded digit runs, so a stray long number fails to match instead of overflowing.
        this.inProgressPattern = Pattern.compile("\\." + Pattern.quote(prefix) + "-(\\d{1,9})-(\\d{1,18})"
                + Pattern.quote(suffix) + Pattern.quote(IN_PROGRESS_MARKER) + ".+");
    }

    String finalName(long counter) {
        return prefix + "-" + subtaskIndex + "-" + counter + suffix;
    }

    String inProgressName(long counter) {
        return "." + finalName(counter) + IN_PROGRESS_MARKER + UUID.randomUUID();
    }

    /** What an in-progress file name of this sink (any subtask) says, or null for any other name. */
    InProgressName parseInProgress(String fileName) {
        Matcher matcher = inProgressPattern.matcher(fileName);
        if (!matcher.matches()) {
            return null;
        }
        return new InProgressName(Integer.parseInt(matcher.group(1)), Long.parseLong(matcher.group(2)));
    }

    /** The part prefix given to the builder, checked: committed files must be visible. */
    static String checkPrefix(String prefix) {
        checkNoSeparator(prefix, "prefix");
        if (prefix.isEmpty() || prefix.startsWith(".") || prefix.startsWith("_")) {
            throw new IllegalArgumentException("The part file prefix '" + prefix + "' must not be empty nor start"
                    + " with '.' or '_': readers skip such names, so the committed files would stay hidden");
        }
        return prefix;
    }

    /** The part suffix given to the builder, checked; it may be empty. */
    static String checkSuffix(String suffix) {
        checkNoSeparator(suffix, "suffix");
        return suffix;
    }

    private static void checkNoSeparator(String value, String role) {
        if (value == null) {
            throw new IllegalArgumentException("The part file " + role + " of a FileSink must not be null");
        }
        if (value.contains("/") || value.contains("\\")) {
            throw new IllegalArgumentException("The part file " + role + " '" + value + "' must not contain a path"
                    + " separator; put files in directories with a BucketAssigner instead");
        }
    }
}
