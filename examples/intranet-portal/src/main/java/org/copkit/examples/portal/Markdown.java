package org.copkit.examples.portal;

import gg.jte.Content;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Renders member-written markdown to HTML with commonmark and cleans the result with the OWASP Java
 * HTML Sanitizer: scripts, event handlers, styles and unknown elements are dropped, links get
 * {@code rel="nofollow noopener"}.
 */
public final class Markdown {
    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().build();
    private static final PolicyFactory POLICY = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS)
            .and(Sanitizers.LINKS).and(Sanitizers.TABLES).and(Sanitizers.IMAGES)
            .and(new HtmlPolicyBuilder().allowElements("pre", "code", "hr", "del", "dl", "dt", "dd")
                    .allowAttributes("class").matching(true, "language-java", "language-sql", "language-bash")
                    .onElements("code").requireRelsOnLinks("noopener").toFactory());

    private Markdown() {}

    /**
     * @param markdown member-written markdown; null is treated as empty
     * @return safe HTML
     */
    public static String toSafeHtml(String markdown) {
        String html = RENDERER.render(PARSER.parse(markdown == null ? "" : markdown));
        return POLICY.sanitize(html);
    }

    /**
     * @param markdown member-written markdown; null is treated as empty
     * @return the safe HTML as template content
     */
    public static Content content(String markdown) {
        String safe = toSafeHtml(markdown);
        return output -> output.writeContent(safe);
    }
}
