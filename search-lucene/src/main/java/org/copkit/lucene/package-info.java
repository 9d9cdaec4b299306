/**
 * A {@link org.copkit.spi.SearchIndex} on Apache Lucene: {@link org.copkit.lucene.LuceneSearchIndex}
 * (on disk or in memory) and {@link org.copkit.lucene.LuceneSearchModule} for Guice. Everything else
 * in this package is package-private implementation. See {@code docs/search-lucene.md}.
 */
package org.copkit.lucene;
