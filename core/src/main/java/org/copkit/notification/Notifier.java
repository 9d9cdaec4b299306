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
     * Delivers a member's digest (for members whose preference is DAILY or WEEKLY), after the transaction
     * that recorded it as pending committed. The default ignores it; hosts that send digests override
     * this. Returning normally means the host has taken the digest over: it is then marked delivered. An
     * exception is logged and leaves the digest pending: a later {@code sendDue} delivers it again after
     * {@link org.copkit.digest.DigestService#DELIVERY_LEASE}. Delivery is at least once: the same digest
     * may come again (after a crash between this call and the confirmation) with the same {@link
     * org.copkit.digest.Digest#deliveryKey()}; skip keys you have already sent for exactly once.
     *
     * @param digest the digest, never null and never empty
     */
    default void deliverDigest(org.copkit.digest.Digest digest) {}

    /** @return a notifier that delivers nothing */
    static Notifier none() {
        return n -> { };
    }
}
