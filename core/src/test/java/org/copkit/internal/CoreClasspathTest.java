package org.copkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * copkit-core must not change the host JVM's java.time zone system: nothing on its runtime classpath may
 * register a {@code java.time.zone.ZoneRulesProvider} (ical4j's jar does, hence test scope only). The test
 * classpath holds ical4j, so this is checked twice from outside it: core's declared dependencies, and a
 * separate JVM on core's classes plus its one required runtime dependency (SLF4J's API).
 */
class CoreClasspathTest {
    private static final String PROVIDER_SERVICE = "META-INF/services/java.time.zone.ZoneRulesProvider";

    @Test
    void coreDeclaresIcal4jForTestsOnly_andNeedsNothingButSlf4jAtRuntime() throws Exception {
        var pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        Element dependencies = (Element) pom.getDocumentElement().getElementsByTagName("dependencies").item(0);
        assertThat(dependencies.getParentNode()).isEqualTo(pom.getDocumentElement());
        List<String> runtime = new ArrayList<>();
        NodeList deps = dependencies.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            String artifact = text(d, "artifactId");
            String scope = text(d, "scope");
            if (artifact.equals("ical4j")) {
                assertThat(scope).as("ical4j's scope").isEqualTo("test");
            }
            if ((scope.isEmpty() || scope.equals("compile") || scope.equals("runtime"))
                    && !text(d, "optional").equals("true")) {
                runtime.add(text(d, "groupId") + ":" + artifact);
            }
        }
        assertThat(runtime).containsExactly("org.slf4j:slf4j-api");
    }

    @Test
    void aJvmWithCoreAndItsRuntimeDependencies_hasNoZoneRulesProvider_andWritesVTimezones() throws Exception {
        Path classes = Path.of("target", "classes").toAbsolutePath();
        Path testClasses = Path.of(Child.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path slf4j = Path.of(org.slf4j.Logger.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(classes.resolve("org/copkit/internal/SessionCalendar.class")).exists();
        String cp = String.join(File.pathSeparator, classes.toString(), testClasses.toString(), slf4j.toString());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", cp, Child.class.getName()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("providers=[]", "BEGIN:VTIMEZONE", "TZID:Europe/Amsterdam");
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(Files.exists(classes.resolve(PROVIDER_SERVICE))).isFalse();
    }

    private static String text(Element e, String tag) {
        NodeList l = e.getElementsByTagName(tag);
        return l.getLength() == 0 ? "" : l.item(0).getTextContent().trim();
    }

    /** Runs in the separate JVM. */
    static final class Child {
        public static void main(String[] args) throws Exception {
            List<String> providers = new ArrayList<>();
            for (var url : Collections.list(ClassLoader.getSystemResources(PROVIDER_SERVICE))) {
                providers.add(url.toString());
            }
            System.out.println("providers=" + providers);
            ZoneId zone = ZoneId.of("Europe/Amsterdam");
            ContentLines out = new ContentLines();
            VTimeZones.write(out, zone.getId(), zone.getRules(), Instant.parse("2025-03-31T08:00:00Z"),
                    Instant.parse("2025-03-31T10:00:00Z"));
            Class.forName("org.copkit.internal.SessionCalendar", true, Child.class.getClassLoader());
            System.out.print(out);
            System.exit(providers.isEmpty() ? 0 : 1);
        }
    }
}
