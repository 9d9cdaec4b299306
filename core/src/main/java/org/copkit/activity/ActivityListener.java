package org.copkit.activity;

/**
 * Receives every activity after its transaction committed, in commit order, on the thread that made
 * the change. A listener that throws is logged at WARN and does not undo or break the operation;
 * listeners should return quickly and hand slow work (e-mail) to the host's own executor.
 */
@FunctionalInterface
public interface ActivityListener {
    /** @param activity the committed activity, never null */
    void onActivity(Activity activity);
}
