package org.copkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;
import javax.sql.DataSource;
import org.copkit.CopKit;
import org.copkit.guice.CopKitModule;
import org.copkit.spi.Storage;
import org.junit.jupiter.api.Test;

class JdbcStorageModuleTest {
    @Test
    void theModule_bindsAJdbcStorage_builtFromTheBuilder_asTheKitsStorage() {
        Injector injector = Guice.createInjector(new CopKitModule(),
                new JdbcStorageModule(JdbcStorage.builder().h2InMemory("guice-" + UUID.randomUUID()).schema("kit")));
        Storage storage = injector.getInstance(Storage.class);
        assertThat(storage).isInstanceOf(JdbcStorage.class).isSameAs(injector.getInstance(Storage.class));
        assertThat(((JdbcStorage) storage).schema()).isEqualTo("kit");
        try (CopKit kit = injector.getInstance(CopKit.class)) {
            assertThat(kit).isNotNull();
        }
    }

    @Test
    void withoutABuilder_theModuleUsesTheBoundDataSource() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:guice-ds-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (HikariDataSource ds = new HikariDataSource(config)) {
            Injector injector = Guice.createInjector(new CopKitModule(), new JdbcStorageModule(), new AbstractModule() {
                @Override
                protected void configure() {
                    bind(DataSource.class).toInstance(ds);
                }
            });
            try (JdbcStorage storage = injector.getInstance(JdbcStorage.class)) {
                TestData.world(storage);
                assertThat(storage.changes().head()).isEqualTo(4);
            }
        }
    }
}
