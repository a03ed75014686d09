package io.spindle.api;

import java.io.Serializable;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Identifies a job: 16 random bytes, shown as 32 hex digits as in Flink. */
public record JobID(long upper, long lower) implements Serializable {
    private static final SecureRandom RANDOM = new SecureRandom();

    public static JobID generate() {
        return new JobID(RANDOM.nextLong(), RANDOM.nextLong());
    }

    /** Parses 32 hex digits; anything else gives a message saying what a job id looks like. */
    public static JobID fromHexString(String hex) {
        if (hex == null || hex.length() != 32) {
            throw new IllegalArgumentException("'" + hex + "' is not a job id: expected 32 hexadecimal digits");
        }
        try {
            return new JobID(HexFormat.fromHexDigitsToLong(hex, 0, 16), HexFormat.fromHexDigitsToLong(hex, 16, 32));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + hex + "' is not a job id: expected 32 hexadecimal digits");
        }
    }

    public String toHexString() {
        return HexFormat.of().toHexDigits(upper) + HexFormat.of().toHexDigits(lower);
    }

    @Override
    public String toString() {
        return toHexString();
    }
}
