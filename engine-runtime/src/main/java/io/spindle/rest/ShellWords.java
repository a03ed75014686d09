package io.spindle.rest;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one string of program arguments as a POSIX shell splits words: at unquoted whitespace;
 * single quotes keep everything literally; double quotes keep whitespace, with a backslash escaping
 * {@code "} and {@code \}; outside quotes a backslash escapes the next character.
 */
final class ShellWords {
    private ShellWords() {}

    /** An unclosed quote or a trailing backslash gives 400. */
    static List<String> split(String line) {
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    args.add(current.toString());
                    current.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '\'') {
                int close = line.indexOf('\'', i + 1);
                if (close < 0) {
                    throw unclosed(line, '\'');
                }
                current.append(line, i + 1, close);
                inWord = true;
                i = close + 1;
            } else if (c == '"') {
                i = appendDoubleQuoted(line, i + 1, current);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= line.length()) {
                    throw RestHandlerException.badRequest("The program arguments end with a lone backslash: " + line);
                }
                current.append(line.charAt(i + 1));
                inWord = true;
                i += 2;
            } else {
                current.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            args.add(current.toString());
        }
        return List.copyOf(args);
    }

    /** Appends the double-quoted text starting at {@code from}; returns the index after the closing quote. */
    private static int appendDoubleQuoted(String line, int from, StringBuilder current) {
        int i = from;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
                current.append(line.charAt(i + 1));
                i += 2;
            } else {
                current.append(c);
                i++;
            }
        }
        throw unclosed(line, '"');
    }

    private static RestHandlerException unclosed(String line, char quote) {
        return RestHandlerException.badRequest("The program arguments have an unclosed " + quote + ": " + line);
    }
}
