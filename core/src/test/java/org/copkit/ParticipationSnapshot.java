package org.copkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.copkit.community.Community;
import org.copkit.member.Member;
import org.copkit.spi.Storage;

/**
 * {@link StoreSnapshot} plus the aggregates of participation: stored participation levels and value
 * stories per community and every endorsement per endorsee, read straight from storage.
 *
 * @param store the general snapshot
 * @param extra the participation sections
 */
public record ParticipationSnapshot(StoreSnapshot store, Map<String, List<?>> extra) {
    /** Takes a snapshot of a kit on the given storage. */
    public static ParticipationSnapshot of(CopKit kit, Storage storage) {
        Map<String, List<?>> s = new LinkedHashMap<>();
        storage.read(tx -> {
            for (Community c : StoreSnapshot.all(p -> tx.communities().list(p))) {
                s.put("levels of " + c.id(), StoreSnapshot.all(p -> tx.participationLevels().listByCommunity(c.id(), p)));
                s.put("stories of " + c.id(), StoreSnapshot.all(p -> tx.valueStories().listByCommunity(c.id(), p)));
            }
            for (Member m : StoreSnapshot.all(p -> tx.members().list(p))) {
                s.put("endorsements of " + m.id(), new ArrayList<>(
                        StoreSnapshot.all(p -> tx.endorsements().listByEndorsee(m.id(), p))));
            }
            return null;
        });
        return new ParticipationSnapshot(StoreSnapshot.of(kit, storage), Map.copyOf(s));
    }

    /** @return a snapshot of the fixture's kit */
    public static ParticipationSnapshot of(Fixture f) {
        return of(f.kit, f.storage);
    }
}
