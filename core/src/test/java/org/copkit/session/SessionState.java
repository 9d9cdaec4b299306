package org.copkit.session;

import java.util.ArrayList;
import java.util.List;
import org.copkit.Fixture;
import org.copkit.StoreSnapshot;
import org.copkit.community.Community;

/**
 * Every session of every community with all its answers and attendance, as the system actor sees
 * them, to prove rejected calls changed nothing (alongside {@link StoreSnapshot}).
 *
 * @param rows sessions, answer summaries and attendance lists
 */
record SessionState(List<Object> rows) {
    static SessionState of(Fixture f) {
        List<Object> rows = new ArrayList<>();
        var sys = f.kit.system();
        for (Community c : StoreSnapshot.all(p -> sys.communities().list(p))) {
            for (SessionWindow w : SessionWindow.values()) {
                for (Session s : StoreSnapshot.all(p -> sys.sessions().list(c.id(), w, p))) {
                    rows.add(s);
                    rows.add(sys.sessions().rsvps(s.id()));
                    rows.add(sys.sessions().attendance(s.id()));
                }
            }
        }
        return new SessionState(rows);
    }
}
