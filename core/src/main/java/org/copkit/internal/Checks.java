package org.copkit.internal;

import java.text.Normalizer;
import java.time.ZoneId;
import java.util.Collection;
import java.util.IllformedLocaleException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.copkit.InvalidInputException;

/**
 * Input validation shared by all value types. Every failure is an {@link InvalidInputException}
 * whose message names the field and the problem with its value.
 *
 * <p>Not API: public only because records in several packages use it.
 */
public final class Checks {
    /** Longest identifier accepted. */
    public static final int MAX_ID = 128;

    private Checks() {}

    /** Fails when {@code value} is null. */
    public static <T> T present(String field, T value) {
        if (value == null) {
            throw new InvalidInputException(field + " is required but was null");
        }
        return value;
    }

    /**
     * An identifier: 1 to {@value #MAX_ID} characters, no white space and no control characters.
     */
    public static String id(String field, String value) {
        present(field, value);
        if (value.isEmpty() || value.length() > MAX_ID) {
            throw new InvalidInputException(field + " must be 1 to " + MAX_ID + " characters but had "
                    + value.length() + ": '" + abbreviate(value) + "'");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
                throw new InvalidInputException(field + " must not contain white space or control characters: '"
                        + abbreviate(value) + "' has one at index " + i);
            }
        }
        return value;
    }

    /**
     * A single-line text: normalised to Unicode NFC, trimmed, 1 to {@code max} characters,
     * no control characters and no line or paragraph separators (U+2028, U+2029).
     */
    public static String line(String field, String value, int max) {
        String v = normalize(field, value).strip();
        if (v.isEmpty()) {
            throw new InvalidInputException(field + " must not be blank");
        }
        if (v.length() > max) {
            throw new InvalidInputException(field + " must be at most " + max + " characters but had " + v.length());
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw new InvalidInputException(field + " must not contain control characters or line breaks: found U+"
                        + String.format("%04X", (int) c) + " at index " + i);
            }
        }
        return v;
    }

    /**
     * A multi-line text (markdown): normalised to NFC, line breaks normalised to {@code \n}, at most
     * {@code max} characters, no control characters except tab and line feed. May be empty.
     */
    public static String text(String field, String value, int max) {
        String v = normalize(field, value).replace("\r\n", "\n").replace('\r', '\n');
        if (v.length() > max) {
            throw new InvalidInputException(field + " must be at most " + max + " characters but had " + v.length());
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                throw new InvalidInputException(field + " must not contain control characters: found U+"
                        + String.format("%04X", (int) c) + " at index " + i);
            }
        }
        return v;
    }

    /** Like {@link #text} but must contain something besides white space. */
    public static String nonBlankText(String field, String value, int max) {
        String v = text(field, value, max);
        if (v.isBlank()) {
            throw new InvalidInputException(field + " must not be blank");
        }
        return v;
    }

    private static String normalize(String field, String value) {
        present(field, value);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    throw new InvalidInputException(field + " contains an unpaired surrogate at index " + i);
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                throw new InvalidInputException(field + " contains an unpaired surrogate at index " + i);
            }
        }
        return Normalizer.normalize(value, Normalizer.Form.NFC);
    }

    /**
     * A BCP 47 language tag with at least a language, e.g. {@code nl} or {@code en-GB}.
     */
    public static Locale language(String field, Locale value) {
        present(field, value);
        if (value.getLanguage().isEmpty()) {
            throw new InvalidInputException(field + " must name a language (a BCP 47 tag such as 'nl' or 'en') but was '"
                    + value.toLanguageTag() + "'");
        }
        Locale checked;
        try {
            checked = new Locale.Builder().setLocale(value).build();
        } catch (IllformedLocaleException e) {
            throw new InvalidInputException(field + " is not a well-formed language tag: '" + value + "'");
        }
        String lang = checked.getLanguage();
        if (lang.length() == 2 && !ISO_LANGUAGES.contains(lang)) {
            throw new InvalidInputException(field + " names language '" + lang
                    + "', which is not an ISO 639 language code");
        }
        return checked;
    }

    private static final Set<String> ISO_LANGUAGES = Set.of(Locale.getISOLanguages());

    /** Parses a BCP 47 language tag such as {@code nl} or {@code en-GB}. */
    public static Locale languageTag(String field, String tag) {
        present(field, tag);
        try {
            Locale l = new Locale.Builder().setLanguageTag(tag).build();
            return language(field, l);
        } catch (IllformedLocaleException e) {
            throw new InvalidInputException(field + " is not a well-formed BCP 47 language tag: '" + abbreviate(tag) + "'");
        }
    }

    /** Parses an IANA time-zone id such as {@code Europe/Amsterdam}. */
    public static ZoneId zone(String field, String zone) {
        present(field, zone);
        try {
            return ZoneId.of(zone);
        } catch (java.time.DateTimeException e) {
            throw new InvalidInputException(field + " is not a known time-zone id: '" + abbreviate(zone) + "'");
        }
    }

    /**
     * Copies a set, rejecting null elements and more than {@code max} elements; keeps iteration order.
     * An empty or one-element set is a shared or single small object, a set of up to 16 elements an
     * array (most records' sets are empty or small, and a store of a million records holds several of
     * them per record).
     */
    @SuppressWarnings("unchecked")
    public static <T> Set<T> set(String field, Collection<? extends T> values, int max) {
        present(field, values);
        if (values.size() > max) {
            throw new InvalidInputException(field + " may hold at most " + max + " entries but had " + values.size());
        }
        if (values.isEmpty()) {
            return java.util.Collections.emptySet();
        }
        if (values.size() == 1) {
            T only = values.iterator().next();
            if (only == null) {
                throw new InvalidInputException(field + " must not contain null");
            }
            return java.util.Collections.singleton(only);
        }
        if (values.size() <= SmallSet.MAX) {
            Object[] distinct = new Object[values.size()];
            int n = 0;
            for (T v : values) {
                if (v == null) {
                    throw new InvalidInputException(field + " must not contain null");
                }
                boolean seen = false;
                for (int i = 0; i < n && !seen; i++) {
                    seen = distinct[i].equals(v);
                }
                if (!seen) {
                    distinct[n++] = v;
                }
            }
            return n == 1 ? java.util.Collections.singleton((T) distinct[0])
                    : new SmallSet<>(n == distinct.length ? distinct : java.util.Arrays.copyOf(distinct, n));
        }
        LinkedHashSet<T> copy = new LinkedHashSet<>();
        for (T v : values) {
            if (v == null) {
                throw new InvalidInputException(field + " must not contain null");
            }
            copy.add(v);
        }
        return java.util.Collections.unmodifiableSet(copy);
    }

    /** Copies a list, rejecting null elements and more than {@code max} elements. */
    public static <T> List<T> list(String field, Collection<? extends T> values, int max) {
        present(field, values);
        if (values.size() > max) {
            throw new InvalidInputException(field + " may hold at most " + max + " entries but had " + values.size());
        }
        for (T v : values) {
            if (v == null) {
                throw new InvalidInputException(field + " must not contain null");
            }
        }
        return List.copyOf(values);
    }

    /** Normalises each tag (lower case, NFC, trimmed), validates it and copies the set. */
    public static Set<String> tags(String field, Collection<String> tags, int max) {
        present(field, tags);
        return set(field, tags.stream().map(t -> tag(field, t)).toList(), max);
    }

    /** A tag: lower-cased, then 1 to 64 characters after trimming, no control characters. */
    public static String tag(String field, String tag) {
        return line(field, present(field, tag).toLowerCase(Locale.ROOT), 64);
    }

    /** Fails unless {@code min <= value <= max}. */
    public static int range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidInputException(field + " must be between " + min + " and " + max + " but was " + value);
        }
        return value;
    }

    /** Fails when {@code value} is negative. */
    public static long nonNegative(String field, long value) {
        if (value < 0) {
            throw new InvalidInputException(field + " must not be negative but was " + value);
        }
        return value;
    }

    /** Applies {@code check} to every element, for lists of typed values. */
    public static <T, R> List<R> each(List<T> values, Function<T, R> check) {
        return values.stream().map(check).toList();
    }

    /** Shortens a value for an error message. */
    public static String abbreviate(String value) {
        Objects.requireNonNull(value);
        return value.length() <= 60 ? value : value.substring(0, 57) + "...";
    }
}
