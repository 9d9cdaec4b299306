package org.copkit.benchmarks;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.copkit.CopKit;
import org.copkit.testkit.NoSearch;
import org.copkit.community.CommunityDraft;
import org.copkit.community.CommunityId;
import org.copkit.jdbc.JdbcStorage;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.ItemDraft;
import org.copkit.knowledge.ItemKind;
import org.copkit.member.MemberId;
import org.copkit.member.MemberProfile;
import org.copkit.member.OrganizationId;

/**
 * One schema with what an import needs, set up through CoPKit: organisation {@code acme}, its member
 * {@code anna}, who coordinates community "Wiki migration". The raw baselines write into a schema set up
 * the same way, so both sides write the same rows next to the same reference data.
 */
final class World implements AutoCloseable {
    static final MemberId ANNA = MemberId.of("anna");

    final String schema;
    final JdbcStorage storage;
    final CopKit kit;
    final CommunityId community;

    World(BenchDatabase db, String purpose) {
        this.schema = BenchDatabase.newSchemaName(purpose);
        this.storage = db.storage(schema);
        this.kit = CopKit.builder().storage(storage).search(new NoSearch()).clock(Clock.systemUTC()).build();
        OrganizationId acme = OrganizationId.of("acme");
        kit.system().organizations().register(acme, "Acme", "");
        kit.system().members().register(ANNA, MemberProfile.of("Anna", acme));
        var domain = kit.as(ANNA).domains().create("Energy transition", "Heat, grids and subsidies");
        community = kit.as(ANNA).communities().create(CommunityDraft.of(domain.id(), "Wiki migration",
                "Everything the old wiki knew")).id();
    }

    /** @return {@code n} drafts of wiki pages (about 1 KB of markdown each, two tags, Dutch) */
    static List<ItemDraft> drafts(CommunityId community, int n) {
        List<ItemDraft> drafts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            drafts.add(ItemDraft.of(community, ItemKind.ARTICLE, content(i)));
        }
        return drafts;
    }

    static ItemContent content(int i) {
        StringBuilder body = new StringBuilder("# Wiki page ").append(i).append("\n\n");
        while (body.length() < 1_000) {
            body.append("- Warmtepompen in bestaande bouw: isolatie eerst, dan de bron kiezen (pagina ").append(i)
                    .append(").\n");
        }
        return ItemContent.of("Wiki page " + i, body.toString(), Locale.forLanguageTag("nl")).withTags("wiki",
                "warmtepomp");
    }

    @Override
    public void close() {
        kit.close();
    }
}
