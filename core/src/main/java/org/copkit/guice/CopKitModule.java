package org.copkit.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.copkit.CopKit;
import org.copkit.access.AccessRules;
import org.copkit.activity.ActivityListener;
import org.copkit.community.MembershipRules;
import org.copkit.expertise.ExpertRules;
import org.copkit.knowledge.ReviewRules;
import org.copkit.notification.Notifier;
import org.copkit.participation.ParticipationRules;
import org.copkit.session.RsvpRules;
import org.copkit.spi.IdGenerator;
import org.copkit.spi.SearchIndex;
import org.copkit.spi.Storage;


/**
 * Guice wiring for CoPKit, built only on the public {@link CopKit#builder()}. Binds a singleton
 * {@link CopKit} made from whatever the injector has bound, and the builder's defaults for the rest:
 * {@link Storage}, {@link SearchIndex}, {@link Clock}, {@link IdGenerator}, {@link AccessRules},
 * {@link MembershipRules}, {@link ReviewRules}, {@link Notifier},
 * {@link org.copkit.participation.ParticipationRules} (bind any of them directly, or install a backend module
 * {@link MembershipRules}, {@link ReviewRules}, {@link Notifier}, {@link org.copkit.session.RsvpRules}, {@link org.copkit.expertise.ExpertRules}, an optional {@link org.copkit.spi.Embedder} (bind any of them directly, or install a backend module
 * such as {@code JdbcStorageModule}), and every {@link ActivityListener} added with
 * {@link #listeners(com.google.inject.Binder)}.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new CopKitModule(), new AbstractModule() {
 *     protected void configure() {
 *         bind(Clock.class).toInstance(Clock.systemUTC());
 *         CopKitModule.listeners(binder()).addBinding().to(MailingListener.class);
 *     }
 * });
 * CopKit kit = injector.getInstance(CopKit.class);
 * }</pre>
 *
 * Guice is an optional dependency of copkit-core: add {@code com.google.inject:guice} to use this.
 * The host closes the kit on shut-down.
 */
public final class CopKitModule extends AbstractModule {
    private final Consumer<CopKit.Builder> customizer;

    /** A module that builds the kit from bindings and defaults only. */
    public CopKitModule() {
        this(b -> { });
    }

    /**
     * @param customizer applied to the builder after the bound components are set, for options
     *     without a binding
     */
    public CopKitModule(Consumer<CopKit.Builder> customizer) {
        this.customizer = Objects.requireNonNull(customizer, "customizer");
    }

    /**
     * @param binder the binder of a module
     * @return the set binder for activity listeners
     */
    public static Multibinder<ActivityListener> listeners(com.google.inject.Binder binder) {
        return Multibinder.newSetBinder(binder, ActivityListener.class);
    }

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), Storage.class);
        OptionalBinder.newOptionalBinder(binder(), SearchIndex.class);
        OptionalBinder.newOptionalBinder(binder(), Clock.class);
        OptionalBinder.newOptionalBinder(binder(), IdGenerator.class);
        OptionalBinder.newOptionalBinder(binder(), AccessRules.class);
        OptionalBinder.newOptionalBinder(binder(), MembershipRules.class);
        OptionalBinder.newOptionalBinder(binder(), ReviewRules.class);
        OptionalBinder.newOptionalBinder(binder(), Notifier.class);
        OptionalBinder.newOptionalBinder(binder(), ParticipationRules.class);
        OptionalBinder.newOptionalBinder(binder(), RsvpRules.class);
        OptionalBinder.newOptionalBinder(binder(), ExpertRules.class);
        OptionalBinder.newOptionalBinder(binder(), org.copkit.spi.Embedder.class);
        listeners(binder());
    }

    @Provides
    @Singleton
    CopKit copKit(Optional<Storage> storage, Optional<SearchIndex> search, Optional<Clock> clock,
            Optional<IdGenerator> ids, Optional<AccessRules> accessRules, Optional<MembershipRules> membershipRules,
            Optional<ReviewRules> reviewRules, Optional<Notifier> notifier, Set<ActivityListener> listeners,
            Optional<ParticipationRules> participationRules,
            Optional<RsvpRules> rsvpRules,
            Optional<ExpertRules> expertRules,
            Optional<org.copkit.spi.Embedder> embedder) {
        CopKit.Builder b = CopKit.builder();
        storage.ifPresent(b::storage);
        search.ifPresent(b::search);
        clock.ifPresent(b::clock);
        ids.ifPresent(b::ids);
        accessRules.ifPresent(b::accessRules);
        membershipRules.ifPresent(b::membershipRules);
        reviewRules.ifPresent(b::reviewRules);
        notifier.ifPresent(b::notifier);
        participationRules.ifPresent(b::participationRules);
        listeners.forEach(b::listener);
        rsvpRules.ifPresent(b::rsvpRules);
        expertRules.ifPresent(b::expertRules);
        embedder.ifPresent(b::embedder);
        customizer.accept(b);
        return b.build();
    }
}
