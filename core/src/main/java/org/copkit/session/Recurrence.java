package org.copkit.session;

/** How the occurrences of a simple series follow each other, at the same local time in the session's zone. */
public enum Recurrence {
    /** Every week on the same weekday. */
    WEEKLY,
    /** Every month on the same day of the month (the last day for months that are shorter). */
    MONTHLY
}
