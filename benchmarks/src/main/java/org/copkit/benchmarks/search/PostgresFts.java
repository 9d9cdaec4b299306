package org.copkit.benchmarks.search;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.copkit.access.ViewerScope;
import org.copkit.member.OrganizationId;
import org.copkit.search.SearchDocument;
import org.postgresql.PGConnection;

/**
 * The PostgreSQL full-text search baseline, as Discourse runs search: the documents in one table with a
 * stored {@code tsvector} column (title weight A, body weight B, each document in its own language's text
 * search configuration: {@code dutch}, {@code english} or {@code simple}, the three analysis groups of
 * CoPKit), a GIN index on it, and one query per search: the text as {@code websearch_to_tsquery} in each
 * configuration, matched against the documents of that configuration, ranked by {@code ts_rank}, newest
 * first on ties, {@code LIMIT 10}, with the default statuses and an SQL visibility clause equivalent to
 * CoPKit's (editor, or admitted by the audience and published or reviewer of the community). No snippets,
 * no facets, no total. Not thread-safe (one connection).
 */
final class PostgresFts implements AutoCloseable {
    static final String URL = System.getProperty("copkit.bench.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");

    private final Connection c;
    final String schema;
    private final PreparedStatement all;
    private final PreparedStatement filtered;
    private final Array communities;
    private final Array reviewerOf;
    private final ViewerScope scope;

    /**
     * @param schema a schema of its own (created, filled and indexed here unless {@code reuse} and it exists)
     */
    PostgresFts(String schema, SearchCorpus corpus, ViewerScope scope, boolean reuse) throws SQLException {
        this.schema = schema;
        this.scope = scope;
        c = DriverManager.getConnection(URL, System.getProperty("copkit.bench.postgres.user", "postgres"), "");
        boolean exists;
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                        + schema + "' AND table_name = 'docs'")) {
            rs.next();
            exists = rs.getInt(1) > 0;
        }
        if (!(reuse && exists)) {
            load(corpus);
        }
        String sql = "SELECT id, title FROM " + schema + ".docs"
                + " WHERE ((grp = 'nl' AND tsv @@ websearch_to_tsquery('dutch', ?))"
                + " OR (grp = 'en' AND tsv @@ websearch_to_tsquery('english', ?))"
                + " OR (grp = 'xx' AND tsv @@ websearch_to_tsquery('simple', ?)))"
                + " AND (type <> 'KNOWLEDGE_ITEM' OR status IN ('PUBLISHED', 'NEEDS_REVIEW'))"
                + " AND (? = ANY (editors) OR ((level = 'PLATFORM' OR (level = 'COMMUNITY' AND community = ANY (?))"
                + " OR ? = ANY (orgs)) AND (NOT unpublished OR community = ANY (?))))"
                + "%s ORDER BY ts_rank(tsv, CASE grp WHEN 'nl' THEN websearch_to_tsquery('dutch', ?)"
                + " WHEN 'en' THEN websearch_to_tsquery('english', ?) ELSE websearch_to_tsquery('simple', ?) END) DESC,"
                + " updated DESC LIMIT 10";
        all = c.prepareStatement(String.format(sql, ""));
        filtered = c.prepareStatement(String.format(sql, " AND lang = ?"));
        communities = c.createArrayOf("text", scope.communities().stream().map(x -> x.value()).toArray());
        reviewerOf = c.createArrayOf("text", scope.reviewerOf().stream().map(x -> x.value()).toArray());
    }

    private void load(SearchCorpus corpus) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            st.execute("CREATE SCHEMA " + schema);
            st.execute("CREATE TABLE " + schema + ".docs (id text PRIMARY KEY, type text NOT NULL, status text NOT NULL,"
                    + " lang text NOT NULL, grp text NOT NULL, title text NOT NULL, body text NOT NULL, community text,"
                    + " level text NOT NULL, orgs text[] NOT NULL, unpublished boolean NOT NULL, editors text[] NOT NULL,"
                    + " updated timestamptz NOT NULL, tags text[] NOT NULL,"
                    + " tsv tsvector GENERATED ALWAYS AS (CASE grp"
                    + " WHEN 'nl' THEN setweight(to_tsvector('dutch'::regconfig, title), 'A')"
                    + " || setweight(to_tsvector('dutch'::regconfig, body), 'B')"
                    + " WHEN 'en' THEN setweight(to_tsvector('english'::regconfig, title), 'A')"
                    + " || setweight(to_tsvector('english'::regconfig, body), 'B')"
                    + " ELSE setweight(to_tsvector('simple'::regconfig, title), 'A')"
                    + " || setweight(to_tsvector('simple'::regconfig, body), 'B') END) STORED)");
        }
        var copy = c.unwrap(PGConnection.class).getCopyAPI();
        StringBuilder b = new StringBuilder();
        String sql = "COPY " + schema + ".docs (id, type, status, lang, grp, title, body, community, level, orgs,"
                + " unpublished, editors, updated, tags) FROM STDIN";
        try {
            for (int i = 0; i < corpus.size; i++) {
                row(b, corpus.document(i, "d"));
                if (b.length() > 8 << 20 || i == corpus.size - 1) {
                    copy.copyIn(sql, new StringReader(b.toString()));
                    b.setLength(0);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE INDEX docs_tsv ON " + schema + ".docs USING gin (tsv)");
            st.execute("ANALYZE " + schema + ".docs");
        }
    }

    private static void row(StringBuilder b, SearchDocument d) {
        String g = RawLucene.group(d);
        field(b, RawLucene.key(d)).append('\t');
        field(b, d.type().name()).append('\t');
        field(b, d.status()).append('\t');
        field(b, d.language().getLanguage()).append('\t');
        field(b, g).append('\t');
        field(b, d.title()).append('\t');
        field(b, d.body()).append('\t');
        if (d.community().isPresent()) {
            field(b, d.community().get().value());
        } else {
            b.append("\\N");
        }
        b.append('\t');
        field(b, d.visibility().audience().level().name()).append('\t');
        b.append(array(d.visibility().audience().organizations().stream().map(OrganizationId::value).toList())).append('\t');
        b.append(d.visibility().unpublished() ? 't' : 'f').append('\t');
        b.append(array(d.visibility().editors().stream().map(m -> m.value()).toList())).append('\t');
        b.append(d.updatedAt().toString()).append('\t');
        b.append(array(List.copyOf(d.tags()))).append('\n');
    }

    private static String array(List<String> values) {
        return values.stream().map(v -> "\"" + v.replace("\\", "\\\\\\\\").replace("\"", "\\\\\"") + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static StringBuilder field(StringBuilder b, String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\0' -> { }
                default -> b.append(ch);
            }
        }
        return b;
    }

    /**
     * @param text the query text
     * @param language the language filter (empty: all)
     * @return the ids of the top 10
     */
    List<String> search(String text, Optional<String> language) throws SQLException {
        PreparedStatement ps = language.isPresent() ? filtered : all;
        int i = 1;
        ps.setString(i++, text);
        ps.setString(i++, text);
        ps.setString(i++, text);
        ps.setString(i++, scope.member().value());
        ps.setArray(i++, communities);
        ps.setString(i++, scope.organization().value());
        ps.setArray(i++, reviewerOf);
        if (language.isPresent()) {
            ps.setString(i++, language.get());
        }
        ps.setString(i++, text);
        ps.setString(i++, text);
        ps.setString(i++, text);
        List<String> out = new ArrayList<>(10);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** @return the table's and index's size on disk */
    String size() throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_size_pretty(pg_total_relation_size('" + schema + ".docs')),"
                        + " pg_size_pretty(pg_relation_size('" + schema + ".docs_tsv'))")) {
            rs.next();
            return "table with indexes " + rs.getString(1) + ", GIN " + rs.getString(2);
        }
    }

    /** Drops the schema. */
    void drop() throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }
}
