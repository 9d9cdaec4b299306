package org.copkit.lucene;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import java.nio.file.Path;
import java.util.Objects;
import org.copkit.spi.SearchIndex;

/**
 * Guice: binds CoPKit's {@link SearchIndex} to a {@link LuceneSearchIndex} (a singleton, built once
 * from the given options) through the {@link OptionalBinder} that {@code org.copkit.guice.CopKitModule}
 * declares. Install both modules. Guice is an optional dependency of this module.
 */
public final class LuceneSearchModule extends AbstractModule {
    private final LuceneSearchIndex.Builder options;

    /** @param directory the index directory (see {@link LuceneSearchIndex#open(Path)}) */
    public LuceneSearchModule(Path directory) {
        this(LuceneSearchIndex.builder().directory(directory));
    }

    /**
     * @param options the index options; {@link LuceneSearchIndex.Builder#build()} is called once, when
     *     the index is first needed
     */
    public LuceneSearchModule(LuceneSearchIndex.Builder options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), SearchIndex.class).setBinding().to(LuceneSearchIndex.class);
    }

    @Provides
    @Singleton
    LuceneSearchIndex luceneSearchIndex() {
        return options.build();
    }
}
