package org.copkit.examples.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.copkit.CopKit;
import org.copkit.PageRequest;
import org.copkit.access.Audience;
import org.copkit.activity.Activity;
import org.copkit.community.Community;
import org.copkit.community.CommunityDraft;
import org.copkit.domain.Domain;
import org.copkit.guice.CopKitModule;
import org.copkit.jdbc.JdbcStorage;
import org.copkit.jdbc.JdbcStorageModule;
import org.copkit.lucene.LuceneSearchModule;
import org.copkit.knowledge.ItemContent;
import org.copkit.knowledge.ItemDraft;
import org.copkit.knowledge.ItemKind;
import org.copkit.knowledge.KnowledgeItem;
import org.copkit.member.MemberId;
import org.copkit.member.MemberProfile;
import org.copkit.member.OrganizationId;
import org.copkit.search.SearchResult;

/**
 * A plain Java application wired with Guice: {@link CopKitModule} for CoPKit, {@link JdbcStorageModule} for
 * durable storage (H2 files under {@code ./data/guice-host}), and the host's own module adding an activity
 * listener. Run with {@code mvn -q -pl examples/guice-host -am test-compile exec:java}. The search module
 * (search-lucene) plugs in the same way once it exists; until then CoPKit uses its in-memory index.
 */
public final class GuiceHost {
    private GuiceHost() {}

    /** The host's own bindings: here one activity listener that counts what happened. */
    static final class HostModule extends AbstractModule {
        final List<Activity> seen = new ArrayList<>();

        @Override
        protected void configure() {
            CopKitModule.listeners(binder()).addBinding().toInstance(seen::add);
        }
    }

    /**
     * The modules of the application.
     *
     * @param storage how to open the storage
     * @param index the directory of the Lucene index
     * @param host the host's own module
     * @return CopKitModule, JdbcStorageModule, LuceneSearchModule and the host module
     */
    public static List<Module> modules(JdbcStorage.Builder storage, Path index, Module host) {
        return List.of(new CopKitModule(), new JdbcStorageModule(storage), new LuceneSearchModule(index), host);
    }

    /** @param args ignored */
    public static void main(String[] args) {
        run(JdbcStorage.builder().h2(Path.of("data", "guice-host")), Path.of("data", "guice-host", "index"),
                System.out);
    }

    /**
     * Builds the injector, works with the kit a little and prints what happened.
     *
     * @param storage how to open the storage
     * @param index the directory of the Lucene index
     * @param out where to print
     * @return the search result at the end
     */
    public static SearchResult run(JdbcStorage.Builder storage, Path index, PrintStream out) {
        HostModule host = new HostModule();
        Injector injector = Guice.createInjector(modules(storage, index, host));
        try (CopKit kit = injector.getInstance(CopKit.class)) {
            OrganizationId acme = OrganizationId.of("acme");
            MemberId ada = MemberId.of("ada");
            if (kit.system().organizations().list(PageRequest.first(1)).items().isEmpty()) {
                kit.system().organizations().register(acme, "Acme Engineering", "");
                kit.system().members().register(ada, MemberProfile.of("Ada", acme));
                CopKit.As asAda = kit.as(ada);
                Domain domain = asAda.domains().create("Reliability", "Keeping services up");
                Community cop = asAda.communities().create(CommunityDraft.of(domain.id(), "On-call guild",
                        "People who carry the pager"));
                KnowledgeItem item = asAda.knowledge().create(ItemDraft.of(cop.id(), ItemKind.BEST_PRACTICE,
                        ItemContent.of("Write the runbook before the alert", "Every alert links to a runbook.",
                                Locale.ENGLISH)).withAudience(Audience.organization(acme)));
                asAda.knowledge().publish(item.id(), item.version());
            }
            SearchResult result = kit.as(ada).search().query("runbook");
            out.printf("%s: %d hit(s) for 'runbook'; %d activities heard by the host's listener%n", kit,
                    result.total(), host.seen.size());
            return result;
        }
    }
}
