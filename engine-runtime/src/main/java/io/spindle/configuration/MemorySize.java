package io.spindle.configuration;

import java.util.Locale;

/** A number of bytes, parsed from values such as {@code 1024m}, {@code 1g}, {@code 512kb}. */
public record MemorySize(long bytes) {
    public MemorySize {
        if (bytes < 0) {
            throw new IllegalArgumentException("memory size must not be negative");
        }
    }

    public static MemorySize ofMebiBytes(long mebiBytes) {
        return new MemorySize(mebiBytes << 20);
    }

    public long getMebiBytes() {
        return bytes >> 20;
    }

    public static MemorySize parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        int split = 0;
        while (split < s.length() && Character.isDigit(s.charAt(split))) {
            split++;
        }
        if (split == 0) {
            throw new IllegalArgumentException("no number");
        }
        long amount = Long.parseLong(s.substring(0, split));
        String unit = s.substring(split);
        int shift = switch (unit) {
            case "", "b", "bytes" -> 0;
            case "k", "kb", "kib" -> 10;
            case "m", "mb", "mib" -> 20;
            case "g", "gb", "gib" -> 30;
            case "t", "tb", "tib" -> 40;
            default -> throw new IllegalArgumentException("unknown memory unit '" + unit + "'");
        };
        return new MemorySize(amount << shift);
    }

    @Override
    public String toString() {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + "m" : bytes + "b";
    }
}
