package org.copkit.jdbc;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import java.util.Objects;
import javax.sql.DataSource;
import org.copkit.spi.Storage;

/**
 * Guice binding of {@link Storage} to a {@link JdbcStorage}, for use with
 * {@code org.copkit.guice.CopKitModule}. Either built from a {@link JdbcStorage.Builder}, or, with
 * the no-argument constructor, on the {@link DataSource} bound in the injector. The storage is a
 * singleton created on first use; the host closes it (closing the kit closes it).
 *
 * <p>Guice is an optional dependency of copkit-storage-jdbc: add {@code com.google.inject:guice} to use
 * this.
 */
public final class JdbcStorageModule extends AbstractModule {
    private final JdbcStorage.Builder builder;

    /** Binds a storage on the injector's {@link DataSource} binding, schema {@value JdbcStorage#DEFAULT_SCHEMA}. */
    public JdbcStorageModule() {
        this.builder = null;
    }

    /** @param builder a configured builder; {@code build()} is called once, on first use */
    public JdbcStorageModule(JdbcStorage.Builder builder) {
        this.builder = Objects.requireNonNull(builder, "builder");
    }

    @Override
    protected void configure() {
        if (builder != null) {
            JdbcStorage.Builder b = builder;
            bind(JdbcStorage.class).toProvider((Provider<JdbcStorage>) b::build).in(Singleton.class);
        } else {
            Provider<DataSource> dataSource = getProvider(DataSource.class);
            bind(JdbcStorage.class).toProvider((Provider<JdbcStorage>) () -> JdbcStorage.of(dataSource.get()))
                    .in(Singleton.class);
        }
        OptionalBinder.newOptionalBinder(binder(), Storage.class).setBinding().to(JdbcStorage.class);
    }
}
