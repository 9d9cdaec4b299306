package org.copkit.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes RFC 5545 content lines: {@code NAME[;PARAM=value]:value}, each ended by CRLF and folded so
 * that no line is longer than 75 octets of UTF-8 (a continuation line starts with one space, which
 * counts); a fold never splits a character (a UTF-8 sequence or a surrogate pair). Not thread-safe;
 * one instance per calendar.
 */
final class ContentLines {
    static final int MAX_OCTETS = 75;

    private final StringBuilder out = new StringBuilder(4096);

    /** Writes {@code name:value} with {@code value} as is (it must already be a valid property value). */
    ContentLines raw(String name, String value) {
        fold(name + ":" + value);
        return this;
    }

    /** Writes a TEXT property, its value escaped ({@link #escape(String)}). */
    ContentLines text(String name, String value) {
        return raw(name, escape(value));
    }

    /** Writes a DATE-TIME property in UTC ({@code 20250331T080000Z}). */
    ContentLines utc(String name, Instant instant) {
        return raw(name, utc(instant));
    }

    /** Writes {@code BEGIN:component}. */
    ContentLines begin(String component) {
        return raw("BEGIN", component);
    }

    /** Writes {@code END:component}. */
    ContentLines end(String component) {
        return raw("END", component);
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /**
     * Escapes a TEXT value (RFC 5545 section 3.3.11): backslash, semicolon and comma get a backslash,
     * each line break (CRLF, CR or LF) becomes {@code \n}; other control characters, which TEXT cannot
     * hold, are dropped (a tab is kept).
     */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case ';' -> b.append("\\;");
                case ',' -> b.append("\\,");
                case '\n' -> b.append("\\n");
                case '\r' -> {
                    b.append("\\n");
                    if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                }
                default -> {
                    if (c == '\t' || (c >= 0x20 && c != 0x7f)) {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** A DATE-TIME in UTC: {@code yyyyMMddTHHmmssZ}, fractions of a second dropped. */
    static String utc(Instant instant) {
        return local(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)) + "Z";
    }

    /** A local DATE-TIME (to go with a TZID, or in a VTIMEZONE): {@code yyyyMMddTHHmmss}. */
    static String local(LocalDateTime t) {
        return String.format("%04d%02d%02dT%02d%02d%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond());
    }

    /** A UTC-OFFSET: {@code +HHMM}, or {@code +HHMMSS} when it has seconds (old local mean times). */
    static String offset(ZoneOffset offset) {
        int total = offset.getTotalSeconds();
        int abs = Math.abs(total);
        String s = String.format("%s%02d%02d", total < 0 ? "-" : "+", abs / 3600, abs / 60 % 60);
        return abs % 60 == 0 ? s : s + String.format("%02d", abs % 60);
    }

    /** A parameter value, quoted when it holds a character that ends a parameter (colon, semicolon, comma). */
    static String paramValue(String value) {
        return value.indexOf(':') >= 0 || value.indexOf(';') >= 0 || value.indexOf(',') >= 0
                ? "\"" + value.replace("\"", "") + "\""
                : value;
    }

    private void fold(String line) {
        int octets = 0;
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            int n = utf8Length(cp);
            if (octets + n > MAX_OCTETS) {
                out.append("\r\n ");
                octets = 1;
            }
            out.appendCodePoint(cp);
            octets += n;
            i += Character.charCount(cp);
        }
        out.append("\r\n");
    }

    private static int utf8Length(int cp) {
        if (cp < 0x80) {
            return 1;
        } else if (cp < 0x800) {
            return 2;
        } else if (cp < 0x10000) {
            return 3; // also a lone surrogate, which an encoder replaces by one to three octets
        }
        return 4;
    }
}
