package org.copkit.benchmarks;

import java.nio.file.Path;
import org.copkit.CopKit;
import org.copkit.jdbc.JdbcStorage;
import org.copkit.member.MemberId;
import org.copkit.member.MemberProfile;
import org.copkit.member.OrganizationId;

/** Child process of {@link ColdStartBenchmark}: creates and migrates its database, registers a member. */
public final class PrepareColdStart {
    private PrepareColdStart() {}

    /** @param args db kind, H2 directory, schema */
    public static void main(String[] args) {
        try (JdbcStorage storage = ColdStartBenchmark.open(args[0], Path.of(args[1]), args[2]);
                CopKit kit = CopKit.builder().storage(storage).build()) {
            OrganizationId acme = OrganizationId.of("acme");
            kit.system().organizations().register(acme, "Acme", "");
            kit.system().members().register(MemberId.of("anna"), MemberProfile.of("Anna", acme));
        }
    }
}
