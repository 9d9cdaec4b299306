package org.copkit.notification;

/**
 * The host's delivery of notifications. CoPKit calls it after the change committed, on the thread
 * that made the change, once per recipient. A notifier that throws is logged at WARN and breaks
 * nothing; hand slow delivery to your own executor. The default delivers nothing.
 */
@FunctionalInterface
public interface Notifier {
    /** @param notification who is told what and why, never null */
    void deliver(Notification notification);

    /** @return a notifier that delivers nothing */
    static Notifier none() {
        return n -> { };
    }
}
