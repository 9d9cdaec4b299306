package org.copkit.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.copkit.CopKit;
import org.copkit.PageRequest;
import org.copkit.member.MemberId;
import org.junit.jupiter.api.Test;

class DemoDataTest {
    @Test
    void demoLoadsOnceWithStaleItemsAndAFullSession() {
        DemoClock clock = DemoClock.system();
        try (CopKit kit = PortalWiring.open(PortalConfig.inMemory(0), clock)) {
            assertThat(DemoData.loadIfEmpty(kit, clock)).isTrue();
            assertThat(DemoData.loadIfEmpty(kit, clock)).isFalse();
            CopKit.As daan = kit.as(MemberId.of("daan"));
            assertThat(daan.reviews().mine(java.util.Set.of(org.copkit.review.ReviewTaskStatus.OPEN), PageRequest.first()).items()).isNotEmpty();
            assertThat(kit.as(MemberId.of("carla")).search().query("warmtepomp").total()).isPositive();
            assertThat(kit.as(MemberId.of("carla")).search().query("Budget warmtepompsubsidie 2027").hits())
                    .noneMatch(h -> h.title().contains("intern"));
        }
    }

    @Test
    void theH2StorageKeepsTheDemoAcrossRestarts(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        PortalConfig config = new PortalConfig(0, dir, PortalConfig.StorageKind.H2, java.util.Optional.empty(), "",
                "", true);
        DemoClock clock = DemoClock.system();
        try (CopKit kit = PortalWiring.open(config, clock)) {
            assertThat(DemoData.loadIfEmpty(kit, clock)).isTrue();
        }
        try (CopKit kit = PortalWiring.open(config, clock)) {
            assertThat(DemoData.loadIfEmpty(kit, clock)).isFalse();
            assertThat(kit.as(MemberId.of("carla")).search().query("warmtepomp").total()).isPositive();
        }
        assertThat(dir.resolve("copkit")).exists();
    }
}
