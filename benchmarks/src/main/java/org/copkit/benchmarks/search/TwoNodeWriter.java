package org.copkit.benchmarks.search;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.copkit.CopKit;
import org.copkit.community.CommunityDraft;
import org.copkit.community.CommunityId;
import org.copkit.jdbc.JdbcStorage;
import org.copkit.knowledge.ImportOptions;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.ItemDraft;
import org.copkit.knowledge.ItemKind;
import org.copkit.lucene.LuceneSearchIndex;
import org.copkit.member.MemberId;
import org.copkit.member.MemberProfile;
import org.copkit.member.OrganizationId;

/**
 * Node A of {@link TwoNodeLatency}, in a JVM of its own: a kit with its own Lucene index on the shared
 * PostgreSQL schema. Sets up the world ({@code anna} in community "Wiki migration") and {@code items}
 * items, prints {@code READY}, then creates one knowledge item per line {@code W <word>} read from stdin
 * (its title and body carry the word) and prints {@code K <word>} when the call returned, until
 * {@code EXIT}.
 *
 * <p>Arguments: JDBC URL, user, schema, items to load first.
 */
public final class TwoNodeWriter {
    static final MemberId ANNA = MemberId.of("anna");

    private TwoNodeWriter() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String schema = args[2];
        int items = Integer.parseInt(args[3]);
        Path dir = Files.createTempDirectory("copkit-twonode-a");
        JdbcStorage storage = JdbcStorage.builder().postgres(url, user, "").schema(schema).build();
        CopKit kit = CopKit.builder().storage(storage).search(LuceneSearchIndex.builder().directory(dir).build())
                .build();
        OrganizationId acme = OrganizationId.of("acme");
        kit.system().organizations().register(acme, "Acme", "");
        kit.system().members().register(ANNA, MemberProfile.of("Anna", acme));
        CopKit.As anna = kit.as(ANNA);
        var domain = anna.domains().create("Energy transition", "Heat, grids and subsidies");
        CommunityId community = anna.communities().create(CommunityDraft.of(domain.id(), "Wiki migration",
                "Everything the old wiki knew")).id();
        SearchCorpus corpus = SearchCorpus.of("synthetic", Math.max(1, items));
        for (int from = 0; from < items; from += 1_000) {
            List<ItemDraft> drafts = new ArrayList<>();
            for (int i = from; i < Math.min(items, from + 1_000); i++) {
                var d = corpus.document(i, "d");
                drafts.add(ItemDraft.of(community, ItemKind.ARTICLE, ItemContent.of(d.title(), d.body(), d.language())));
            }
            anna.knowledge().importItems(drafts, ImportOptions.published());
        }
        System.out.println("READY");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.equals("EXIT"); line = in.readLine()) {
            if (line.startsWith("W ")) {
                String word = line.substring(2);
                anna.knowledge().create(ItemDraft.of(community, ItemKind.ARTICLE, ItemContent.of("Probe " + word,
                        "Is this searchable on the other node yet? " + word, Locale.ENGLISH)));
                System.out.println("K " + word);
                System.out.flush();
            }
        }
        kit.close();
        SharedIndex.deleteTree(dir);
        System.exit(0);
    }
}
