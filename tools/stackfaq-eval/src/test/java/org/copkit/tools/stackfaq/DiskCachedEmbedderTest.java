package org.copkit.tools.stackfaq;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.copkit.spi.Embedder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskCachedEmbedderTest {
    /** A deterministic model: each text's vector is made of its length and its characters' sum; counts texts. */
    static final class CountingModel implements Embedder {
        final String id;
        final List<String> embedded = new ArrayList<>();

        CountingModel(String id) {
            this.id = id;
        }

        @Override
        public String modelId() {
            return id;
        }

        @Override
        public int dimension() {
            return 3;
        }

        @Override
        public synchronized List<float[]> embed(List<String> texts, Locale language) {
            embedded.addAll(texts);
            return texts.stream().map(t -> new float[] {t.length(), t.chars().sum(), language.toLanguageTag().length()})
                    .toList();
        }
    }

    @Test
    void aSecondRunTakesTheVectorsFromDiskAndEmbedsOnlyNewTexts(@TempDir Path dir) throws Exception {
        CountingModel first = new CountingModel("m/1");
        List<float[]> fresh;
        try (DiskCachedEmbedder cache = DiskCachedEmbedder.open(dir, first)) {
            fresh = cache.embed(List.of("alpha", "beta", "alpha"), Locale.ENGLISH);
            assertThat(cache.misses()).isEqualTo(3);
        }
        CountingModel second = new CountingModel("m/1");
        try (DiskCachedEmbedder cache = DiskCachedEmbedder.open(dir, second)) {
            List<float[]> again = cache.embed(List.of("beta", "gamma", "alpha"), Locale.ENGLISH);
            assertThat(second.embedded).containsExactly("gamma");
            assertThat(again.get(0)).containsExactly(fresh.get(1));
            assertThat(again.get(2)).containsExactly(fresh.get(0));
            assertThat(again.get(1)).containsExactly(5f, "gamma".chars().sum(), 2f);
            assertThat(cache.hits()).isEqualTo(2);
            assertThat(cache.misses()).isEqualTo(1);
            // the same text in another language is another key
            cache.embed(List.of("beta"), Locale.forLanguageTag("nl"));
            assertThat(second.embedded).containsExactly("gamma", "beta");
        }
    }

    @Test
    void anotherModelIdGetsAFolderOfItsOwn(@TempDir Path dir) throws Exception {
        try (DiskCachedEmbedder cache = DiskCachedEmbedder.open(dir, new CountingModel("m/1"))) {
            cache.embed(List.of("alpha"), Locale.ENGLISH);
        }
        CountingModel other = new CountingModel("m/2");
        try (DiskCachedEmbedder cache = DiskCachedEmbedder.open(dir, other)) {
            cache.embed(List.of("alpha"), Locale.ENGLISH);
            assertThat(other.embedded).containsExactly("alpha");
        }
    }

    @Test
    void aRecordCutShortByAKilledRunIsIgnored(@TempDir Path dir) throws Exception {
        try (DiskCachedEmbedder cache = DiskCachedEmbedder.open(dir, new CountingModel("m"))) {
            cache.embed(List.of("alpha", "beta"), Locale.ENGLISH);
        }
        Path file;
        try (Stream<Path> s = Files.list(dir.resolve("m-3"))) {
            file = s.findFirst().orElseThrow();
        }
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.truncate(c.size() - 5);
        }
        CountingModel next = new CountingModel("m");
        try (DiskCachedEmbedder cache = DiskCachedEmbedder.open(dir, next)) {
            assertThat(cache.size()).isEqualTo(1);
            cache.embed(List.of("alpha", "beta"), Locale.ENGLISH);
            assertThat(next.embedded).containsExactly("beta");
        }
    }
}
