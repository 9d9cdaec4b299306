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

    /**
     * Delivers a member's digest (for members whose preference is DAILY or WEEKLY), after the call that
     * built it committed. The default ignores it; hosts that send digests override this. Exceptions are
     * logged and change nothing.
     *
     * @param digest the digest, never null and never empty
     */
    default void deliverDigest(org.copkit.digest.Digest digest) {}

    /** @return a notifier that delivers nothing */
    static Notifier none() {
        return n -> { };
    }
}
